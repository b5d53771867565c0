/**
 * `GET /api/status`: what the Status view shows, from the same sources as `/metrics` (the
 * collector's counters and gauges) plus each detector's `GetModel`. Rates are differences of
 * those counters over the last minute, sampled every 5 s.
 */
import type { DetectorStatus, StatusReply } from '@log-sentinel/console-api';
import type { DetectorClient } from '@log-sentinel/detector-client';
import type { Counter } from 'prom-client';
import type { CollectorMetrics } from '../metrics';

/** Counters the rates and totals read. */
type Totals = StatusReply['totals'];

/** What {@link StatusReporter} reads. */
export interface StatusDeps {
  /** The collector's metrics. */
  metrics: CollectorMetrics;
  /** Detectors, when configured: breaker states (from the scoring stage) and `GetModel`. */
  detector: { states(): Record<string, string>; models: DetectorClient['models'] } | undefined;
  /** `/readyz`'s answer. */
  readiness(): { ready: boolean; checks: Record<string, string> };
  /** Spool queue now. */
  spool(): { depthRecords: number; bytes: number };
  /** Flagged documents in the local store. */
  anomalyStoreSize(): number;
}

/** Seconds between samples, and samples kept (a one-minute window). */
const SAMPLE_EVERY_MS = 5000;
const SAMPLES_KEPT = 13;

async function sum(counter: Counter): Promise<number> {
  return (await counter.get()).values.reduce((n, v) => n + v.value, 0);
}

/** See the module comment. `stop()` ends the sampling. */
export class StatusReporter {
  private readonly samples: Array<{ atMs: number; totals: Totals }> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly startedAtMs = Date.now();

  /** Starts sampling. */
  constructor(private readonly deps: StatusDeps) {
    this.timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref();
    void this.sample();
  }

  private async totals(): Promise<Totals> {
    const m = this.deps.metrics;
    return {
      received: await sum(m.received),
      rejected: await sum(m.rejected),
      spooled: await sum(m.spooled),
      indexed: await sum(m.indexed),
      flagged: await sum(m.flagged),
      pending: await sum(m.pending),
      session_verdicts: await sum(m.sessionVerdicts),
    };
  }

  private async sample(): Promise<void> {
    this.samples.push({ atMs: Date.now(), totals: await this.totals() });
    if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
  }

  /** The status now. */
  async status(): Promise<StatusReply> {
    const now = { atMs: Date.now(), totals: await this.totals() };
    const oldest = this.samples[0] ?? now;
    const seconds = Math.max(0.001, (now.atMs - oldest.atMs) / 1000);
    const rate = (k: keyof Totals): number => Math.max(0, (now.totals[k] - oldest.totals[k]) / seconds);
    const readiness = this.deps.readiness();
    const states = this.deps.detector?.states() ?? {};
    const models = (await this.deps.detector?.models()) ?? [];
    const detectors: DetectorStatus[] = models.map((m) => ({
      addr: m.addr,
      breaker: states[m.addr] ?? 'unknown',
      ...(m.model
        ? {
            model: {
              version: m.model.version,
              status: m.model.status,
              templates: m.model.templates,
              vocabulary: m.model.vocabulary,
              learning_records: m.model.learningRecords,
              learning_target: m.model.learningTarget,
              warnings: m.model.warnings,
            },
          }
        : {}),
      ...(m.error ? { error: m.error } : {}),
    }));
    const spool = this.deps.spool();
    return {
      uptime_seconds: Math.round((Date.now() - this.startedAtMs) / 1000),
      ready: readiness.ready,
      checks: readiness.checks,
      spool: { depth_records: spool.depthRecords, bytes: spool.bytes },
      elasticsearch: readiness.checks['elasticsearch'] ?? 'unknown',
      detectors,
      totals: now.totals,
      rates: {
        window_seconds: Math.round(seconds),
        received_per_second: rate('received'),
        flagged_per_second: rate('flagged'),
        indexed_per_second: rate('indexed'),
      },
      anomaly_store: { records: this.deps.anomalyStoreSize() },
    };
  }

  /** Stops sampling. Idempotent. */
  stop(): void {
    clearInterval(this.timer);
  }
}
