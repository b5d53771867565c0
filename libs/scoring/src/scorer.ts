/** What the scoring stage and its pending re-score need from a detector client (the collector's `DetectorClient` fits). */
import type { AnomalyVerdict, LogRecord } from '@log-sentinel/schema';

/** Scores records; never throws; records it could not score get the `pending` verdict. */
export interface RecordScorer {
  /** False while no record can be scored (every breaker open): callers skip the attempt. */
  readonly available: boolean;
  /**
   * One verdict per record, in order, and how many got a real verdict. `rescore` (records
   * scored before): a dry run that leaves the detector's live state alone; a `learning`
   * answer stays `pending`.
   */
  score(records: readonly LogRecord[], options?: { rescore?: boolean }): Promise<{ verdicts: AnomalyVerdict[]; scored: number }>;
  /** The detector (address) a record is routed to, so each detector gets its own hold; absent = one detector. */
  detectorFor?(record: LogRecord): string;
}
