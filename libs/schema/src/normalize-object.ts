import { eventIdProblem, newEventId } from './event-id';
import { fieldShapeProblem, flattenObject, isPlainObject, jsonDepth, labelValue, MAX_FIELD_NAME_LENGTH, MAX_JSON_DEPTH, storableFieldName, type FlatValue } from './flatten';
import { levelFromNumber } from './levels';
import type { FilePosition, LogRecord, NormalizeContext, NormalizeItemResult } from './record';
import { canonicalTimestamp, formatTimestamp, TIMESTAMP_FORMS } from './timestamp';

/**
 * Input keys read into each {@link LogRecord} field, in order of preference (dotted form;
 * nested objects are flattened first, so `{"log":{"level":"x"}}` is `log.level`). Covers the
 * Log Sentinel shape `{timestamp, level, message, source}`, ECS and pino/bunyan JSON.
 * Keys not listed here go to `labels`; so does a second alias when the first one is present.
 */
export const FIELD_ALIASES = {
  timestamp: ['@timestamp', 'timestamp', 'time'],
  message: ['message', 'msg'],
  level: ['log.level', 'level'],
  service: ['service.name', 'source', 'service'],
  host: ['host.name', 'host', 'hostname'],
  id: ['event.id', 'id'],
  sessionId: ['session.id', 'session_id'],
  original: ['event.original'],
} as const;

/** Longest session id accepted (the detector refuses longer ones). */
export const MAX_SESSION_ID_LENGTH = 256;

/** Prefix of client labels: `labels.team` becomes the label `team`. */
const LABELS_PREFIX = 'labels.';

class FieldProblem {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

/** Per-item facts the caller knows besides the item itself. */
export interface ItemOptions {
  /** The item's raw text (an NDJSON or file line); default: the item's JSON text. */
  original?: string;
  /** Event id to use whatever the item says (file input); the item's own id then stays in `labels`. */
  fixedId?: string;
  /** File position of the item (file input). */
  file?: FilePosition;
}

/**
 * Normalises one JSON object (Log Sentinel, ECS or pino shape) into a {@link LogRecord};
 * anything else is rejected with field `(item)`. Never throws for bad input.
 */
export function normalizeObject(
  item: unknown,
  index: number,
  ctx: NormalizeContext,
  options: ItemOptions = {},
): NormalizeItemResult {
  if (!isPlainObject(item)) {
    return { ok: false, error: { index, field: '(item)', reason: `must be a JSON object, got ${describe(item)}` } };
  }
  if (jsonDepth(item) > MAX_JSON_DEPTH) {
    return { ok: false, error: { index, field: '(item)', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` } };
  }
  const shape = fieldShapeProblem(item);
  if (shape) return { ok: false, error: { index, ...shape } };
  try {
    return { ok: true, record: build(item, ctx, options) };
  } catch (err) {
    if (err instanceof FieldProblem) return { ok: false, error: { index, field: err.field, reason: err.reason } };
    throw err;
  }
}

function build(item: Record<string, unknown>, ctx: NormalizeContext, options: ItemOptions): LogRecord {
  const flat = flattenObject(item);
  const take = (field: keyof typeof FIELD_ALIASES): [string, FlatValue] | undefined => {
    for (const key of FIELD_ALIASES[field]) {
      const value = flat.get(key);
      if (value !== undefined && value !== null && value !== '') {
        flat.delete(key);
        return [key, value];
      }
    }
    return undefined;
  };

  const message = take('message');
  if (!message) throw new FieldProblem('message', 'is required (a non-empty string in "message" or "msg")');
  const [messageKey, messageValue] = message;
  if (typeof messageValue !== 'string') throw new FieldProblem(messageKey, `must be a string, got ${describe(messageValue)}`);
  if (messageValue.trim().length === 0) throw new FieldProblem(messageKey, 'must not be blank');

  const received = formatTimestamp(ctx.receivedAt);
  const record: LogRecord = {
    id: '',
    timestamp: received,
    timestampAssigned: true,
    message: messageValue.replace(/\r?\n$/, ''),
    labels: {},
    original: options.original ?? JSON.stringify(item),
    ingested: received,
    origin: ctx.origin ?? 'http',
  };
  if (options.file) record.file = { ...options.file };

  const ts = take('timestamp');
  if (ts) {
    const [key, value] = ts;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new FieldProblem(key, `must be a string or a number, got ${describe(value)}`);
    }
    const timestamp = canonicalTimestamp(value, { reference: ctx.receivedAt });
    if (timestamp === undefined) throw new FieldProblem(key, `unparseable timestamp ${JSON.stringify(value)}; expected ${TIMESTAMP_FORMS}`);
    record.timestamp = timestamp;
    record.timestampAssigned = false;
  }

  const level = take('level');
  if (level) {
    const [key, value] = level;
    if (typeof value === 'number' && Number.isInteger(value)) record.level = levelFromNumber(value);
    else if (typeof value === 'string' && value.trim()) record.level = value.trim();
    else throw new FieldProblem(key, `must be a string or an integer, got ${describe(value)}`);
  }

  record.service = optionalString(take('service')) ?? ctx.defaultService;
  record.host = optionalString(take('host')) ?? ctx.defaultHost;
  const sessionId = optionalString(take('sessionId'));
  if (sessionId !== undefined && sessionId.length > MAX_SESSION_ID_LENGTH) {
    throw new FieldProblem('session.id', `is ${sessionId.length} characters; at most ${MAX_SESSION_ID_LENGTH} are accepted`);
  }
  if (sessionId !== undefined) record.sessionId = sessionId;
  if (record.service === undefined) delete record.service;
  if (record.host === undefined) delete record.host;

  const id = options.fixedId === undefined ? take('id') : undefined;
  if (options.fixedId !== undefined) {
    record.id = options.fixedId;
  } else if (id) {
    const [key, value] = id;
    if (typeof value === 'number' && Number.isSafeInteger(value)) record.id = String(value);
    else if (typeof value === 'string') record.id = value;
    else throw new FieldProblem(key, `must be a string or an integer, got ${describe(value)}`);
    const problem = eventIdProblem(record.id);
    if (problem) throw new FieldProblem(key, problem);
  } else {
    record.id = (ctx.newId ?? newEventId)();
  }

  const original = optionalString(take('original'));
  if (original !== undefined) record.original = original;

  for (const [key, value] of flat) {
    const label = storableFieldName(key.startsWith(LABELS_PREFIX) ? key.slice(LABELS_PREFIX.length) : key);
    // As an object key "__proto__" would set the prototype instead of storing the label.
    if (label === '__proto__') throw new FieldProblem(key, 'the label name "__proto__" is reserved (it cannot be kept as a JSON object key); rename the field');
    if (label.length > MAX_FIELD_NAME_LENGTH) {
      throw new FieldProblem(`${key.slice(0, 64)}…`, `field name is ${label.length} characters once nested names are joined; at most ${MAX_FIELD_NAME_LENGTH} are accepted`);
    }
    if (label.length > 0) record.labels[label] = labelValue(value);
  }
  return record;
}

function optionalString(entry: [string, FlatValue] | undefined): string | undefined {
  if (!entry) return undefined;
  const [key, value] = entry;
  if (typeof value !== 'string') throw new FieldProblem(key, `must be a string, got ${describe(value)}`);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/** Short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
