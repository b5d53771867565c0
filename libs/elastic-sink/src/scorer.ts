/** What delivery and re-scoring need from a detector client (the collector's `DetectorClient` fits). */
import type { AnomalyVerdict, LogRecord } from '@log-sentinel/schema';

/** Scores records; never throws; records it could not score get the `pending` verdict. */
export interface RecordScorer {
  /** False while no record can be scored (every breaker open): callers skip the attempt. */
  readonly available: boolean;
  /** One verdict per record, in order, and how many got a real verdict. */
  score(records: readonly LogRecord[]): Promise<{ verdicts: AnomalyVerdict[]; scored: number }>;
}
