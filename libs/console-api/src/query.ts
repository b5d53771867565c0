/**
 * Query parameters of the console API, validated up front: a bad value is a
 * {@link ConsoleQueryError} (HTTP 400) naming the parameter and what it takes.
 */

import { CodedError } from '@log-sentinel/coded-error';

/** A query parameter the console API refuses. */
export class ConsoleQueryError extends CodedError<'BAD_QUERY'> {
  /** HTTP status. */
  readonly status = 400;
  /** Constructs it (its code, the reply's `error`, is always `BAD_QUERY`). */
  constructor(message: string) {
    super('BAD_QUERY', message);
  }
}

/** The smallest bucket (and the local index's resolution): 10 s. */
export const MIN_STEP_MS = 10_000;
/** Buckets per series at most. */
export const MAX_BUCKETS = 1000;
/** Default range of `GET /api/patterns`: the last hour. */
export const DEFAULT_RANGE_MS = 3_600_000;
/** Default bucket count when no step is given. */
export const DEFAULT_BUCKETS = 60;

/** A validated `GET /api/patterns` query. */
export interface PatternsQuery {
  /** First bucket start (epoch ms, a multiple of `stepMs`). */
  startMs: number;
  /** Range end (epoch ms, exclusive). */
  endMs: number;
  /** Bucket width (ms, a multiple of {@link MIN_STEP_MS}). */
  stepMs: number;
  /** Case-insensitive substring of the template text, or undefined. */
  search: string | undefined;
  /** Templates at most. */
  limit: number;
}

type Raw = Record<string, unknown>;

function str(q: Raw, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ConsoleQueryError(`${name} must be given once, as a string`);
  return v;
}

/** Parses a time: RFC 3339 (`2026-06-01T12:00:00Z`) or unix seconds (`1780000000`, fractions allowed). */
export function parseTime(name: string, value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new ConsoleQueryError(`${name} must be an RFC 3339 time (2026-06-01T12:00:00Z) or unix seconds, got ${JSON.stringify(value)}`);
  }
  return ms;
}

/** Parses a duration: `30s`, `5m`, `1h`, `1d`, or plain seconds (`60`). */
export function parseDuration(name: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!m) throw new ConsoleQueryError(`${name} must be a duration like 30s, 5m, 1h or seconds, got ${JSON.stringify(value)}`);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const unit = units[m[2] ?? 's'];
  return Math.round(Number(m[1]) * unit);
}

/** Parses an integer parameter in `min..max`, `fallback` when absent. */
export function parseLimit(q: Raw, name: string, fallback: number, min: number, max: number): number {
  const raw = str(q, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < min || n > max) throw new ConsoleQueryError(`${name} must be an integer in ${min}..${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Parses an optional RFC 3339 / unix-seconds time parameter. */
export function parseOptionalTime(q: Raw, name: string): number | undefined {
  const raw = str(q, name);
  return raw === undefined ? undefined : parseTime(name, raw);
}

/**
 * Validates `start`, `end`, `since` (a duration back from `end`), `step`, `q`, `limit` of
 * `GET /api/patterns`; `nowMs` is the default end. The step defaults to a round width giving
 * about {@link DEFAULT_BUCKETS} buckets, is rounded up to a multiple of {@link MIN_STEP_MS},
 * and buckets are aligned to multiples of the step (as Elasticsearch's date histogram does).
 */
export function parsePatternsQuery(q: Raw, nowMs: number): PatternsQuery {
  const endMs = parseOptionalTime(q, 'end') ?? nowMs;
  const since = str(q, 'since');
  const start = parseOptionalTime(q, 'start');
  if (since !== undefined && start !== undefined) throw new ConsoleQueryError('give start or since, not both');
  const startRaw = start ?? endMs - (since !== undefined ? parseDuration('since', since) : DEFAULT_RANGE_MS);
  if (!(startRaw < endMs)) throw new ConsoleQueryError('start must be before end');
  const stepRaw = str(q, 'step');
  let stepMs = stepRaw !== undefined ? parseDuration('step', stepRaw) : niceStep((endMs - startRaw) / DEFAULT_BUCKETS);
  if (stepMs <= 0) throw new ConsoleQueryError('step must be positive');
  stepMs = Math.ceil(stepMs / MIN_STEP_MS) * MIN_STEP_MS;
  const startMs = Math.floor(startRaw / stepMs) * stepMs;
  const buckets = Math.ceil((endMs - startMs) / stepMs);
  if (buckets > MAX_BUCKETS) throw new ConsoleQueryError(`the range holds ${buckets} buckets of step ${stepMs / 1000}s; at most ${MAX_BUCKETS} (give a larger step)`);
  const search = str(q, 'q')?.trim() || undefined;
  if (search !== undefined && search.length > 256) throw new ConsoleQueryError('q must be at most 256 characters');
  return { startMs, endMs, stepMs, search, limit: parseLimit(q, 'limit', 100, 1, 1000) };
}

const NICE_STEPS_MS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);

/** The smallest round step (10 s, 30 s, 1 m, 2 m, 5 m, …, 1 d) at least `ms`. */
export function niceStep(ms: number): number {
  return NICE_STEPS_MS.find((s) => s >= ms) ?? Math.ceil(ms / 86_400_000) * 86_400_000;
}

/** Bucket start times (epoch ms) of a validated query. */
export function bucketStarts(query: Pick<PatternsQuery, 'startMs' | 'endMs' | 'stepMs'>): number[] {
  const out: number[] = [];
  for (let t = query.startMs; t < query.endMs; t += query.stepMs) out.push(t);
  return out;
}

/** `since`: an RFC 3339 time, unix seconds, or a duration with a unit back from `nowMs` (`15m`, `24h`); undefined when absent. */
export function parseSince(q: Raw, nowMs: number): Date | undefined {
  const raw = str(q, 'since');
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?(ms|s|m|h|d)$/.test(raw)) return new Date(nowMs - parseDuration('since', raw));
  return new Date(parseTime('since', raw));
}

/** A required string parameter (it may be empty when `allowEmpty`). */
export function requireParam(q: Raw, name: string, allowEmpty = false): string {
  const raw = str(q, name);
  if (raw === undefined || (!allowEmpty && raw === '')) throw new ConsoleQueryError(`${name} is required`);
  if (raw.length > 1024) throw new ConsoleQueryError(`${name} must be at most 1024 characters`);
  return raw;
}

/** `kind`: `record` or `session`; undefined (both) when absent. */
export function parseKind(q: Raw): 'record' | 'session' | undefined {
  const raw = str(q, 'kind');
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'record' && raw !== 'session') throw new ConsoleQueryError(`kind must be "record" or "session", got ${JSON.stringify(raw)}`);
  return raw;
}

/** `by`: `group` (the default: `anomaly.group`) or `template`. */
export function parseGroupBy(q: Raw): 'group' | 'template' {
  const raw = str(q, 'by');
  if (raw === undefined || raw === '' || raw === 'group') return 'group';
  if (raw !== 'template') throw new ConsoleQueryError(`by must be "group" or "template", got ${JSON.stringify(raw)}`);
  return raw;
}
