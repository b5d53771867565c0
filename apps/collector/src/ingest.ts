/**
 * Intake shared by HTTP and files: score records (bounded by the detector deadline), then
 * append them durably to the spool. Resolving means every record is fsynced.
 */
import { DEFAULT_MAX_EVENT_AGE_MS, pendingVerdict, windowEventTime, type AnomalyVerdict, type ElasticLogDocument, type LogRecord } from '@log-sentinel/schema';
import type { Spool } from '@log-sentinel/spool';
import type { AnomalyStore } from './anomaly-store';
import type { DetectorClient } from '@log-sentinel/detector-client';
import { encodeSpoolRecord } from '@log-sentinel/elastic-sink';
import type { CollectorMetrics } from './metrics';

/** Scores and spools records. */
export class Ingestor {
  /** Epoch ms of the last append refused because the spool was full (0 = never). */
  lastFullAtMs = 0;
  /** Wires the parts. */
  constructor(
    private readonly spool: Spool,
    private readonly detector: DetectorClient | undefined,
    private readonly anomalies: AnomalyStore,
    private readonly metrics: CollectorMetrics,
    private readonly maxEventAgeMs: number = DEFAULT_MAX_EVENT_AGE_MS,
    /** Sees every stored document once it is durable (the console's local index). */
    private readonly onStored?: (docs: readonly ElasticLogDocument[]) => void,
  ) {}

  /**
   * Scores, then appends to the spool; resolves once every record is durable. Rejects with
   * a `SpoolError` (`SPOOL_FULL`, …) when they could not be stored: then none is acknowledged.
   */
  async ingest(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    // Event times outside [now - MAX_EVENT_AGE, now + 1 d] are indexed by receipt time (every source passes here).
    let moved = 0;
    for (const r of records) if (windowEventTime(r, this.maxEventAgeMs)) moved++;
    if (moved) this.metrics.eventTimeOutOfWindow.inc(moved);
    let verdicts: AnomalyVerdict[];
    if (this.detector) {
      verdicts = (await this.detector.score(records)).verdicts;
    } else {
      verdicts = records.map(() => pendingVerdict());
    }
    const payloads: string[] = new Array<string>(records.length);
    const flagged: ElasticLogDocument[] = [];
    const docs: ElasticLogDocument[] | undefined = this.onStored ? [] : undefined;
    let pending = 0;
    for (let i = 0; i < records.length; i++) {
      const v = verdicts[i];
      const { payload, doc } = encodeSpoolRecord(records[i], v);
      payloads[i] = payload;
      if (v.isAnomaly) flagged.push(doc);
      docs?.push(doc);
      if (v.status === 'pending') pending++;
    }
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
    if (pending) this.metrics.pending.inc(pending);
    if (docs) this.onStored!(docs);
    if (flagged.length) {
      this.metrics.flagged.inc(flagged.length);
      void this.anomalies.add(flagged);
    }
  }
}
