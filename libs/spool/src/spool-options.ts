/** Options of the spool (`Spool.open`): their defaults and checks. */
import type { SpoolBudgetSlot } from './budget';

/** Options of `Spool.open`. */
export interface SpoolOptions {
  /** Directory holding the segment files (created if missing). */
  dir: string;
  /** A segment is sealed and a new one started past this size (default 16 MiB). */
  segmentMaxBytes?: number;
  /** Bound on bytes on disk plus bytes being written (default 1 GiB; at least 2 × `segmentMaxBytes`); beyond it appends are refused. */
  maxTotalBytes?: number;
  /** Largest accepted record (default 8 MiB). */
  maxRecordBytes?: number;
  /** Suggested client wait when full, reported in `SpoolError.retryAfterMs` (default 1000). */
  fullRetryAfterMs?: number;
  /**
   * A segment holding records is sealed once this old (ms since its first record; default
   * 10,000; 0 = by size only), so a delivered active segment is deleted and its space freed
   * even when no more records arrive to fill it.
   */
  segmentMaxAgeMs?: number;
  /** Clock for segment ages (epoch ms; default `Date.now`). */
  nowMs?: () => number;
  /** A size bound shared with other spools (see `budget.ts`), on top of `maxTotalBytes`; undefined = none. */
  budget?: SpoolBudgetSlot | undefined;
}

/** Options with their defaults filled in (a budget stays optional). */
export type ResolvedSpoolOptions = Required<Omit<SpoolOptions, 'budget'>> & Pick<SpoolOptions, 'budget'>;

/** `opts` with defaults filled in; throws a RangeError naming the option that is out of range. */
export function resolveSpoolOptions(opts: SpoolOptions): ResolvedSpoolOptions {
  const full: ResolvedSpoolOptions = {
    budget: opts.budget,
    dir: opts.dir,
    segmentMaxBytes: opts.segmentMaxBytes ?? 16 * 1024 * 1024,
    maxTotalBytes: opts.maxTotalBytes ?? 1024 * 1024 * 1024,
    maxRecordBytes: opts.maxRecordBytes ?? 8 * 1024 * 1024,
    fullRetryAfterMs: opts.fullRetryAfterMs ?? 1000,
    segmentMaxAgeMs: opts.segmentMaxAgeMs ?? 10_000,
    nowMs: opts.nowMs ?? Date.now,
  };
  for (const key of ['segmentMaxBytes', 'maxTotalBytes', 'maxRecordBytes'] as const) {
    if (!Number.isInteger(full[key]) || full[key] <= 0) throw new RangeError(`spool option ${key} must be a positive integer, got ${full[key]}`);
  }
  if (!Number.isInteger(full.segmentMaxAgeMs) || full.segmentMaxAgeMs < 0) throw new RangeError(`spool option segmentMaxAgeMs must be a non-negative integer, got ${full.segmentMaxAgeMs}`);
  if (full.maxTotalBytes < 2 * full.segmentMaxBytes) {
    // The active segment is deleted only once sealed: a bound below two segments could fill
    // up with an unsealable, fully acknowledged active segment and refuse appends for ever.
    throw new RangeError(`spool option maxTotalBytes (${full.maxTotalBytes}) must be at least 2 × segmentMaxBytes (${2 * full.segmentMaxBytes})`);
  }
  return full;
}
