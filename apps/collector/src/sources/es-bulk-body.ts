/**
 * The Elasticsearch `_bulk` body: NDJSON pairs of an action line and a source line. Accepted
 * actions are `index` and `create` (each followed by its document); `update` is paired with its
 * line and refused per item, `delete` has no source line and is refused per item (log intake
 * is append-only). Blank lines are skipped; a legacy `_type`, other keys inside the action and
 * other keys beside it are ignored. A line that breaks the pairing (not JSON, not one action) fails the whole request,
 * as it does in Elasticsearch.
 */
import { countBodyItems, eventIdProblem } from '@log-sentinel/schema';

/** One operation of a bulk body, in order. */
export type BulkOperation =
  | {
      /** Accepted: `index` or `create`, with its document. */
      kind: 'doc';
      /** The action name as sent. */
      action: 'index' | 'create';
      /** Target index (from the action, else the path's). */
      index: string;
      /** `_id` of the action, when given. */
      id?: string;
      /** The source document (a JSON object). */
      doc: Record<string, unknown>;
      /** The source line as received. */
      line: string;
    }
  | {
      /** Refused per item (unsupported action, document not an object, bad `_id`). */
      kind: 'refused';
      /** The action name as sent. */
      action: string;
      /** Target index, when known. */
      index: string;
      /** `_id` of the action, when given. */
      id?: string;
      /** HTTP status of the item. */
      status: number;
      /** Elasticsearch exception type, e.g. `document_parsing_exception`. */
      type: string;
      /** Why. */
      reason: string;
    };

/** A body that cannot be read as `_bulk` (Elasticsearch answers these with 400 for the whole request). */
export class BulkBodyError extends Error {
  /** Elasticsearch exception type of the whole-request error. */
  readonly type = 'illegal_argument_exception';
}

const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

/** Non-blank lines of a body, counted without parsing and given up past `limit` (the shared intake count; an upper bound of 2 lines per op). */
export function bulkLineCount(body: string, limit: number): number {
  return countBodyItems(body, 'ndjson', limit);
}

/** Parses a `_bulk` body; `pathIndex` is the `{index}` of `/{index}/_bulk`. Throws {@link BulkBodyError}. */
export function parseBulkBody(body: string, pathIndex: string | undefined): BulkOperation[] {
  const lines = body.split('\n');
  const ops: BulkOperation[] = [];
  let i = 0;
  const nextLine = (): { text: string; number: number } | undefined => {
    while (i < lines.length) {
      const raw = lines[i++];
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim().length > 0) return { text, number: i };
    }
    return undefined;
  };
  for (let actionLine = nextLine(); actionLine; actionLine = nextLine()) {
    let action: unknown;
    try {
      action = JSON.parse(actionLine.text);
    } catch (err) {
      throw new BulkBodyError(`Malformed action/metadata line [${actionLine.number}]: not JSON (${(err as Error).message})`);
    }
    if (action === null || typeof action !== 'object' || Array.isArray(action) || Object.keys(action).length === 0) {
      throw new BulkBodyError(`Malformed action/metadata line [${actionLine.number}], expected an object with one action (index, create, update or delete)`);
    }
    // The first action key counts; other top-level keys (winston-elasticsearch adds `attempts`) are ignored.
    const entry = Object.entries(action as Record<string, unknown>).find(([k]) => ACTIONS.has(k));
    if (!entry) throw new BulkBodyError(`Malformed action/metadata line [${actionLine.number}], expected one of [create, delete, index, update] but found [${Object.keys(action)[0]}]`);
    const [name, meta] = entry;
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
      throw new BulkBodyError(`Malformed action/metadata line [${actionLine.number}], expected the action's value to be an object`);
    }
    const m = meta as Record<string, unknown>;
    const index = typeof m._index === 'string' && m._index ? m._index : pathIndex;
    const rawId = m._id;
    const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : undefined;
    const idField = id === undefined ? {} : { id };
    if (name === 'delete') {
      ops.push({ kind: 'refused', action: name, index: index ?? '', ...idField, status: 400, type: 'action_request_validation_exception', reason: 'delete is not supported: log intake is append-only' });
      continue;
    }
    const sourceLine = nextLine();
    if (!sourceLine) throw new BulkBodyError(`The bulk request must be terminated by a newline [\\n]; action line [${actionLine.number}] has no source line`);
    if (name === 'update') {
      ops.push({ kind: 'refused', action: name, index: index ?? '', ...idField, status: 400, type: 'action_request_validation_exception', reason: 'update is not supported: log intake is append-only' });
      continue;
    }
    if (!index) {
      ops.push({ kind: 'refused', action: name, index: '', ...idField, status: 400, type: 'action_request_validation_exception', reason: 'index is missing' });
      continue;
    }
    if (rawId !== undefined && rawId !== null && id === undefined) {
      ops.push({ kind: 'refused', action: name, index, status: 400, type: 'illegal_argument_exception', reason: '_id must be a string' });
      continue;
    }
    const idProblem = id === undefined ? undefined : eventIdProblem(id);
    if (idProblem) {
      ops.push({ kind: 'refused', action: name, index, ...idField, status: 400, type: 'illegal_argument_exception', reason: `_id ${idProblem}` });
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(sourceLine.text);
    } catch (err) {
      ops.push({ kind: 'refused', action: name, index, ...idField, status: 400, type: 'document_parsing_exception', reason: `[${sourceLine.number}:1] failed to parse: ${(err as Error).message}` });
      continue;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      ops.push({ kind: 'refused', action: name, index, ...idField, status: 400, type: 'document_parsing_exception', reason: `[${sourceLine.number}:1] the document must be a JSON object` });
      continue;
    }
    ops.push({ kind: 'doc', action: name as 'index' | 'create', index, ...idField, doc: doc as Record<string, unknown>, line: sourceLine.text });
  }
  return ops;
}
