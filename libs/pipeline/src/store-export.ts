/**
 * Optional export to the model store (the seed's S3 data lake): the records each training run
 * used, and the detection results, as gzip JSONL objects under
 * `exports/{training,detections}/dt=YYYY-MM-DD/` (see docs/detector.md, "Models on object
 * storage"). Detection results are batched in a bounded buffer and written every `flushMs`
 * or `maxRows` rows; rows beyond the bound are dropped and counted. Export failures are
 * logged and never fail a Detect call or a training run.
 */
import type { ModelStore } from '@log-sentinel/model-registry';
import type { EngineLogger } from './engine-logger';
import type { DetectRecord, DetectVerdict } from './record';

/** What to export, and how often. */
export interface ExportSettings {
  /** Export each training run's records. */
  training: boolean;
  /** Export detection results. */
  detections: boolean;
  /** Longest time a detection result waits in the buffer. */
  flushMs: number;
  /** Rows per detections object (also the flush trigger). */
  maxRows: number;
  /** Name of this detector (part of each detections object name). */
  detectorId: string;
}

/** One exported training record. */
const trainingRow = (r: DetectRecord) => ({
  id: r.id,
  message: r.message,
  timestamp_ms: r.timestampMs ?? null,
  level: r.level ?? null,
  service: r.service ?? null,
  host: r.host ?? null,
  session_id: r.sessionId ?? null,
  labels: r.labels ?? {},
});

/** Writes the exports of one detector to its store. */
export class StoreExporter {
  private rows: object[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private seq = 0;
  /** Detection rows dropped (buffer full while the store was slow or unreachable). */
  dropped = 0;
  /** Objects written. */
  written = 0;

  constructor(
    private readonly store: ModelStore,
    private readonly settings: ExportSettings,
    private readonly log: EngineLogger,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** True when the store can hold exports (an S3 store). */
  static supported(store: ModelStore): boolean {
    return typeof store.exportRows === 'function';
  }

  /** Exports the records a version was trained on (before it is published). Never throws. */
  async training(version: string, records: readonly DetectRecord[]): Promise<void> {
    if (!this.settings.training) return;
    try {
      await this.store.exportRows!('training', version, records.map(trainingRow), new Date(this.nowMs()));
      this.written++;
    } catch (err) {
      this.log.warn({ err, version }, 'exporting the training records failed; the model is published without them');
    }
  }

  /** Queues scored verdicts (learning ones are not results). */
  detections(records: readonly DetectRecord[], verdicts: readonly DetectVerdict[]): void {
    if (!this.settings.detections) return;
    const at = this.nowMs();
    for (let i = 0; i < verdicts.length; i++) {
      const v = verdicts[i]!;
      if (v.status !== 'scored') continue;
      if (this.rows.length >= this.settings.maxRows * 4) {
        this.dropped++;
        continue;
      }
      const r = records[i];
      this.rows.push({
        record_id: v.recordId, session_id: v.sessionId, is_anomaly: v.isAnomaly, score: v.score, reasons: v.reasons,
        template_id: v.templateId, template: v.template, model_version: v.modelVersion, message: r?.message ?? '',
        service: r?.service ?? null, host: r?.host ?? null, timestamp_ms: r?.timestampMs ?? null, scored_at_ms: at, detector: this.settings.detectorId,
      });
    }
    if (this.rows.length >= this.settings.maxRows) void this.flush();
    else if (this.rows.length > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.settings.flushMs);
      this.timer.unref();
    }
  }

  /** Writes the queued detection results now (one object per `maxRows`); rows of a failed write go back to the queue. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      while (this.rows.length > 0) {
        const batch = this.rows.splice(0, this.settings.maxRows);
        const now = new Date(this.nowMs());
        const name = `${this.settings.detectorId.replace(/[^A-Za-z0-9._-]/g, '_')}-${now.toISOString().replace(/[-:.]/g, '')}-${this.seq++}`;
        try {
          await this.store.exportRows!('detections', name, batch, now);
          this.written++;
        } catch (err) {
          const kept = batch.slice(0, Math.max(0, this.settings.maxRows * 4 - this.rows.length));
          this.dropped += batch.length - kept.length;
          this.rows.unshift(...kept);
          this.log.warn({ err, rows: batch.length }, 'exporting detection results failed; retrying at the next flush');
          this.timer ??= setTimeout(() => void this.flush(), this.settings.flushMs);
          this.timer.unref();
          return;
        }
      }
    });
    return this.flushing;
  }
}
