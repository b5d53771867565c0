import { SchemaError } from './errors';
import { normalizeLine } from './normalize-line';
import { describe, normalizeObject } from './normalize-object';
import type { NormalizeBatchResult, NormalizeContext, NormalizeItemResult } from './record';

/** Input formats of a body: chosen from the HTTP Content-Type by {@link bodyFormatOf}. */
export type BodyFormat = 'json' | 'ndjson' | 'text';

/**
 * The body format for a Content-Type header: `application/json` (and `+json`) → json,
 * `application/x-ndjson` / `application/ndjson` / `application/jsonl` → ndjson,
 * `text/plain` → text; missing → json. Throws {@link SchemaError} `UNSUPPORTED_CONTENT_TYPE`.
 */
export function bodyFormatOf(contentType: string | undefined): BodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/json' || type.endsWith('+json')) return 'json';
  if (['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'].includes(type)) {
    return 'ndjson';
  }
  if (type === 'text/plain') return 'text';
  throw new SchemaError(
    'UNSUPPORTED_CONTENT_TYPE',
    `unsupported Content-Type "${type}"; use application/json, application/x-ndjson or text/plain`,
  );
}

/** Normalises a whole body of the given format. Throws {@link SchemaError} only when the body as a whole is unreadable. */
export function normalizeBody(body: string, format: BodyFormat, ctx: NormalizeContext): NormalizeBatchResult {
  switch (format) {
    case 'json':
      return normalizeJson(body, ctx);
    case 'ndjson':
      return normalizeNdjson(body, ctx);
    case 'text':
      return normalizeText(body, ctx);
  }
}

/**
 * A JSON body: one object, or an array whose items are objects or bare strings (plain-text
 * lines). Throws {@link SchemaError} `INVALID_JSON` when the text is not JSON, and
 * `INVALID_BODY` when it is JSON of another kind (number, empty array, …).
 */
export function normalizeJson(body: string, ctx: NormalizeContext): NormalizeBatchResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new SchemaError('INVALID_JSON', `body is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) throw new SchemaError('INVALID_BODY', 'body is an empty JSON array');
    return collect(parsed.map((item, index) => normalizeJsonItem(item, index, ctx)), parsed.map((_, index) => index));
  }
  if (typeof parsed === 'object' && parsed !== null) return collect([normalizeObject(parsed, 0, ctx)], [0]);
  throw new SchemaError('INVALID_BODY', `body must be a JSON object or array, got ${describe(parsed)}`);
}

/** One item of a JSON array: an object, or a string read as a plain-text line. */
export function normalizeJsonItem(item: unknown, index: number, ctx: NormalizeContext): NormalizeItemResult {
  return typeof item === 'string' ? normalizeLine(item, index, ctx) : normalizeObject(item, index, ctx);
}

/**
 * NDJSON: one JSON object per line; `index` is the 0-based line number. Blank lines are
 * skipped; a line that is not JSON is rejected with field `(line)`. Throws
 * {@link SchemaError} `INVALID_BODY` when the body has no non-blank line.
 */
export function normalizeNdjson(body: string, ctx: NormalizeContext): NormalizeBatchResult {
  return eachLine(body, 'NDJSON body has no records', (line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      return { ok: false, error: { index, field: '(line)', reason: `is not valid JSON: ${(err as Error).message}` } };
    }
    return normalizeObject(parsed, index, ctx, { original: line });
  });
}

/**
 * Plain text: one record per line (LF or CRLF); `index` is the 0-based line number.
 * Blank lines are skipped. Throws {@link SchemaError} `INVALID_BODY` when nothing is left.
 */
export function normalizeText(body: string, ctx: NormalizeContext): NormalizeBatchResult {
  return eachLine(body, 'text body has no non-blank line', (line, index) => normalizeLine(line, index, ctx));
}

/** Each non-blank line of `body` through `one` (with its 0-based line number); INVALID_BODY `empty` when there is none. */
function eachLine(body: string, empty: string, one: (line: string, index: number) => NormalizeItemResult): NormalizeBatchResult {
  const results: NormalizeItemResult[] = [];
  const indices: number[] = [];
  splitLines(body).forEach((line, index) => {
    if (line.trim().length === 0) return;
    indices.push(index);
    results.push(one(line, index));
  });
  if (results.length === 0) throw new SchemaError('INVALID_BODY', empty);
  return collect(results, indices);
}

function splitLines(body: string): string[] {
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Splits item results into records and errors; `itemIndices[i]` is the item index of `results[i]`. */
function collect(results: NormalizeItemResult[], itemIndices: number[]): NormalizeBatchResult {
  const out: NormalizeBatchResult = { records: [], errors: [], indices: [] };
  results.forEach((r, i) => {
    if (r.ok) {
      out.records.push(r.record);
      out.indices.push(itemIndices[i]!);
    } else out.errors.push(r.error);
  });
  return out;
}
