/** What the scoring stage needs from the intake spool (a `Spool` fits; so does `HostLink.intake()` in a worker thread). */
import type { SpoolBatch, SpoolPosition } from '@log-sentinel/spool';

/** The intake spool as the stage reads it: oldest first, one reader, acknowledged once its output is durable. */
export interface IntakeSource {
  /** The next records (oldest first) up to `maxRecords` / about `maxBytes`; undefined when nothing unread is durable yet. */
  read(maxRecords: number, maxBytes: number): Promise<SpoolBatch | undefined>;
  /** Acknowledges a batch from {@link read}. */
  ack(batch: SpoolBatch): Promise<void>;
  /** Resolves when new records may be readable, after `timeoutMs`, or at close. */
  waitForData(timeoutMs: number): Promise<void>;
  /** Before the first read: marks the records up to `pos` handled (see `Spool.skipThrough`); returns how many. */
  skipThrough(pos: SpoolPosition): Promise<number>;
  /** Records stored and not yet acknowledged (for a remote source: as of its last answer). */
  stats(): { unackedRecords: number };
}
