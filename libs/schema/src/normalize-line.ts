import { fileEventId, newEventId } from './event-id';
import { findLevelInLine } from './levels';
import { normalizeObject } from './normalize-object';
import type { LogRecord, NormalizeContext, NormalizeItemResult } from './record';
import { formatTimestamp, parseTimestamp } from './timestamp';

/** Timestamp shapes recognised at the start of a plain-text line (capture group 1). */
const LINE_TIMESTAMPS: readonly RegExp[] = [
  /^\[?(\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)\]?(?=[\s,]|$)/,
  /^\[((?:[A-Z][a-z]{2}\s+)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?\s+\d{4})\]/,
  /^([A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(?=\s|$)/,
  /^(\d{6}\s\d{6})(?=\s|$)/,
  /\[(\d{1,2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}(?:\s?[+-]\d{4})?)\]/,
];

/** Shapes a line can start with (the anchored subset of {@link LINE_TIMESTAMPS}). */
const LEADING_TIMESTAMPS = LINE_TIMESTAMPS.filter((p) => p.source.startsWith('^'));

/** The timestamp text a plain-text line starts with and the index just past it, if any. */
export function leadingTimestamp(line: string): { text: string; end: number } | undefined {
  for (const pattern of LEADING_TIMESTAMPS) {
    const m = pattern.exec(line);
    if (m) return { text: m[1]!, end: m[0].length };
  }
  return undefined;
}

/** Longest line accepted (bytes of UTF-16 code units); longer lines are rejected, not cut. */
export const MAX_LINE_CHARS = 1_048_576;

/**
 * The timestamp a plain-text line starts with (ISO 8601, syslog, `[ctime]`, HDFS
 * `yyMMdd HHmmss`) or carries in brackets (common log format), if any.
 */
export function findTimestampInLine(line: string, reference: Date): Date | undefined {
  for (const pattern of LINE_TIMESTAMPS) {
    const m = pattern.exec(line);
    if (m) {
      const date = parseTimestamp(m[1], { reference });
      if (date) return date;
    }
  }
  return undefined;
}

/**
 * Normalises one plain-text line: the whole line (minus its line ending) is the message
 * and `event.original`; a leading timestamp and the first level word become `@timestamp`
 * and `log.level` when present. Blank lines are rejected with field `(line)`; callers that
 * read whole bodies skip them instead (see `normalizeText`).
 */
export function normalizeLine(line: string, index: number, ctx: NormalizeContext, fixedId?: string): NormalizeItemResult {
  const text = line.replace(/\r?\n$/, '').replace(/\r$/, '');
  if (text.trim().length === 0) return { ok: false, error: { index, field: '(line)', reason: 'is blank' } };
  if (text.length > MAX_LINE_CHARS) {
    return { ok: false, error: { index, field: '(line)', reason: `is longer than ${MAX_LINE_CHARS} characters` } };
  }
  const found = findTimestampInLine(text, ctx.receivedAt);
  const record: LogRecord = {
    id: fixedId ?? (ctx.newId ?? newEventId)(),
    timestamp: formatTimestamp(found ?? ctx.receivedAt),
    timestampAssigned: found === undefined,
    message: text,
    labels: {},
    original: text,
    ingested: formatTimestamp(ctx.receivedAt),
    origin: ctx.origin ?? 'http',
  };
  const level = findLevelInLine(text);
  if (level !== undefined) record.level = level;
  if (ctx.defaultService !== undefined) record.service = ctx.defaultService;
  if (ctx.defaultHost !== undefined) record.host = ctx.defaultHost;
  return { ok: true, record };
}

/** Identity and position of one line of a watched file. */
export interface FileLine {
  /** The line, without or with its trailing newline. */
  line: string;
  /** Path of the file (`log.file.path`). */
  path: string;
  /** Stable identity of the file across renames (e.g. `dev:inode` or a fingerprint). */
  fileIdentity: string;
  /** Byte offset of the line's first byte (`log.offset`). */
  offset: number;
}

/**
 * Normalises one line of a watched file: a JSON object line is read like an NDJSON item,
 * anything else as plain text. The event id is always {@link fileEventId}(identity, offset),
 * so re-reading a line never creates a second document. `index` is for error reports.
 */
export function normalizeFileLine(input: FileLine, index: number, ctx: NormalizeContext): NormalizeItemResult {
  const fileCtx: NormalizeContext = { ...ctx, origin: ctx.origin ?? 'file' };
  const fixedId = fileEventId(input.fileIdentity, input.offset);
  const file = { path: input.path, offset: input.offset };
  const text = input.line.replace(/\r?\n$/, '').replace(/\r$/, '');
  const parsed = parseJsonObjectLine(text);
  if (parsed !== undefined) return normalizeObject(parsed, index, fileCtx, { original: text, fixedId, file });
  const result = normalizeLine(text, index, fileCtx, fixedId);
  if (result.ok) result.record.file = file;
  return result;
}

/** The object a line holds when it is a JSON object, else undefined. */
function parseJsonObjectLine(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
