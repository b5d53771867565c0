import { ElasticError } from './errors';

/** Default index prefix (`ELASTIC_INDEX`). */
export const DEFAULT_INDEX_PREFIX = 'logs-sentinel';

const DAY_SUFFIX = /^(\d{4})\.(\d{2})\.(\d{2})$/;

/**
 * Checks an index prefix against Elasticsearch's index-name rules (lower case, no
 * `\ / * ? " < > | , # :` or spaces, not starting with `-`, `_` or `+`, at most 200 bytes).
 * Throws {@link ElasticError} `INVALID_INDEX_PREFIX`.
 */
export function assertIndexPrefix(prefix: string): void {
  const problem =
    prefix.length === 0
      ? 'must not be empty'
      : prefix !== prefix.toLowerCase()
        ? 'must be lower case'
        : /[\\/*?"<>|,# :]/.test(prefix)
          ? 'must not contain \\ / * ? " < > | , # : or spaces'
          : /^[-_+.]/.test(prefix)
            ? 'must not start with - _ + or .'
            : Buffer.byteLength(prefix) > 200
              ? 'must be at most 200 bytes'
              : undefined;
  if (problem) throw new ElasticError('INVALID_INDEX_PREFIX', `index prefix "${prefix}" ${problem}`);
}

/** Daily index of an event time: `${prefix}-YYYY.MM.DD` (UTC day of `@timestamp`). */
export function dailyIndexName(prefix: string, timestamp: string | Date): string {
  const date = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  if (Number.isNaN(date.getTime())) throw new RangeError(`dailyIndexName: invalid timestamp ${String(timestamp)}`);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${prefix}-${y}.${m}.${d}`;
}

/** Wildcard pattern matching every daily index of a prefix: `${prefix}-*`. */
export function indexPattern(prefix: string): string {
  return `${prefix}-*`;
}

/** The UTC day (midnight) a daily index holds, or undefined when the name is not `${prefix}-YYYY.MM.DD`. */
export function dayOfIndex(prefix: string, index: string): Date | undefined {
  if (!index.startsWith(`${prefix}-`)) return undefined;
  const m = DAY_SUFFIX.exec(index.slice(prefix.length + 1));
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return date.getUTCDate() === +m[3]! ? date : undefined;
}

/**
 * Daily indices wholly older than the retention: those whose day ends before
 * `now - retentionDays`. Names that are not daily indices of the prefix are never returned.
 */
export function expiredIndices(prefix: string, indices: readonly string[], retentionDays: number, now: Date): string[] {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(`retentionDays must be a positive integer, got ${retentionDays}`);
  }
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  return indices.filter((index) => {
    const day = dayOfIndex(prefix, index);
    return day !== undefined && day.getTime() + 86_400_000 <= cutoff;
  });
}
