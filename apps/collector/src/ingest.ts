/**
 * Intake shared by every source (POST /logs, the shipper protocols, files): the event time
 * rule, then an fsynced append to the intake spool, unscored (`anomaly.status: "pending"`).
 * Resolving means every record is durable; no detector call is on this path — the scoring
 * stage (libs/scoring) reads the spool.
 */
import { DEFAULT_MAX_EVENT_AGE_MS, pendingVerdict, windowEventTime, type LogRecord } from '@log-sentinel/schema';
import { SpoolError, encodeSpoolRecord, type Spool } from '@log-sentinel/spool';
import type { CollectorMetrics } from './metrics';

/** Room left in a spool record for what scoring adds later (verdict, template text, explanation). */
const VERDICT_ROOM_BYTES = 256 * 1024;

/**
 * Records that, stored, would exceed the spool's record limit (a huge item, or one whose
 * control characters grow six-fold when escaped). Thrown before anything is scored or stored,
 * with each one's position in the batch, so a source can refuse those items alone and ingest
 * the rest; a source that does not catch it refuses the whole batch (413), as before.
 */
export class OversizedRecordsError extends SpoolError {
  /** Lists the oversized records. */
  constructor(
    /** Positions in the batch, ascending, with their stored size in bytes. */
    readonly oversized: ReadonlyArray<{ position: number; bytes: number }>,
    /** Largest stored record accepted, bytes. */
    readonly limitBytes: number,
  ) {
    super('SPOOL_RECORD_TOO_LARGE', `${oversized.length} record(s) would be larger than ${limitBytes} bytes once stored (the first ${oversized[0]?.bytes} bytes); nothing was stored`);
  }

  /** The per-item reason. */
  reasonFor(bytes: number): string {
    return `would be ${bytes} bytes once stored (escaped, with event.original); at most ${this.limitBytes} are accepted`;
  }

  /** `records` without the oversized ones. */
  rest<T>(records: readonly T[]): T[] {
    const skip = new Set(this.oversized.map((o) => o.position));
    return records.filter((_, i) => !skip.has(i));
  }
}

/** Spools records. */
export class Ingestor {
  /** Epoch ms of the last append refused because the spool was full (0 = never). */
  lastFullAtMs = 0;
  /** Wires the parts. */
  constructor(
    private readonly spool: Spool,
    private readonly metrics: Pick<CollectorMetrics, 'spooled' | 'spoolFull' | 'eventTimeOutOfWindow'>,
    private readonly maxEventAgeMs: number = DEFAULT_MAX_EVENT_AGE_MS,
  ) {}

  /**
   * Appends to the intake spool; resolves once every record is durable. Rejects with a
   * `SpoolError` (`SPOOL_FULL`, {@link OversizedRecordsError}, …) when they could not be
   * stored: then none is acknowledged.
   */
  async ingest(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.refuseOversized(records);
    // Event times outside [now - MAX_EVENT_AGE, now + 1 d] are indexed by receipt time (every source passes here).
    let moved = 0;
    for (const r of records) if (windowEventTime(r, this.maxEventAgeMs)) moved++;
    if (moved) this.metrics.eventTimeOutOfWindow.inc(moved);
    const payloads: string[] = new Array<string>(records.length);
    const verdict = pendingVerdict();
    for (let i = 0; i < records.length; i++) payloads[i] = encodeSpoolRecord(records[i], verdict).payload;
    try {
      await this.spool.append(payloads);
    } catch (err) {
      if ((err as { code?: string }).code === 'SPOOL_FULL') {
        this.metrics.spoolFull.inc(records.length);
        this.lastFullAtMs = Date.now();
      }
      throw err;
    }
    this.metrics.spooled.inc(records.length);
  }

  /** Throws {@link OversizedRecordsError} when a record's stored form would not fit in a spool record. */
  private refuseOversized(records: readonly LogRecord[]): void {
    const limit = this.spool.maxRecordBytes - VERDICT_ROOM_BYTES;
    let oversized: Array<{ position: number; bytes: number }> | undefined;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      // A stored record holds the item's text at most three times (event.original, message,
      // labels/fields), each character escaped to at most 6 bytes: only large items are encoded.
      if (18 * (r.original.length + r.message.length) + 4096 <= limit) continue;
      const bytes = Buffer.byteLength(encodeSpoolRecord(r, pendingVerdict()).payload);
      if (bytes > limit) (oversized ??= []).push({ position: i, bytes });
    }
    if (oversized) throw new OversizedRecordsError(oversized, limit);
  }
}
