/**
 * Prometheus metrics of the detector (one registry per process): process defaults plus
 * what the engine does — records scored (by status), flagged, Detect batch latency,
 * feedback and training runs, and the serving model (version, templates, learning
 * progress) read at scrape time. The engine is instrumented by wrapping its API, so the
 * transport (gRPC server) needs no change to be measured.
 */
import type { DetectorEngineApi, SessionVerdictView } from '@log-sentinel/pipeline';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the process reads besides the engine. */
export interface DetectorMetricSources {
  /** Log lines the service logger dropped because its output did not drain (service-log `dropped()`). */
  logLinesDropped(): number;
}

/** All detector metrics. */
export class DetectorMetrics {
  /** The registry served on the metrics port. */
  readonly registry = new Registry();
  /** Records scored, by verdict status (`scored`, `learning`). */
  readonly records = new Counter({ name: 'detector_records_total', help: 'Records given a verdict, by status (learning = collected for the first model, no verdict)', labelNames: ['status'], registers: [this.registry] });
  /** Records flagged as anomalous. */
  readonly flagged = new Counter({ name: 'detector_records_flagged_total', help: 'Records whose verdict was is_anomaly = true', registers: [this.registry] });
  /** Latency of one scored batch (a Detect call, a DetectStream message). */
  readonly detectSeconds = new Histogram({
    name: 'detector_detect_duration_seconds',
    help: 'Time to score one batch of records (one Detect call or DetectStream message), by outcome',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /** Records marked normal through Feedback. */
  readonly feedbackRecords = new Counter({ name: 'detector_feedback_records_total', help: 'Records marked normal through Feedback', registers: [this.registry] });
  /** Sessions closed, by how (closed by request, idle, evicted) and verdict. */
  readonly sessionsClosed = new Counter({
    name: 'detector_sessions_closed_total',
    help: 'Sessions closed and judged (end-of-session check), by how they closed (closed = CloseSessions, idle, evicted) and whether they were flagged',
    labelNames: ['how', 'anomalous'],
    registers: [this.registry],
  });
  /** Training runs by outcome. */
  readonly trainRuns = new Counter({ name: 'detector_train_runs_total', help: 'Train calls, by outcome (ok, error)', labelNames: ['outcome'], registers: [this.registry] });

  /** Registers the process metrics and the scrape-time gauges read from `engine` and `sources`. */
  constructor(engine: Pick<DetectorEngineApi, 'modelInfo'>, sources: DetectorMetricSources) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'detector_model_info',
      help: 'Always 1; labels name the serving model version ("" while learning) and the engine status (learning, training, scored)',
      labelNames: ['version', 'status'],
      registers: [this.registry],
      collect() {
        const m = engine.modelInfo();
        this.reset();
        this.set({ version: m.version, status: m.status }, 1);
      },
    });
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
    };
    gauge('detector_model_templates', 'Drain templates known to the serving model (or learned so far)', () => engine.modelInfo().templates);
    gauge('detector_model_vocabulary', 'DeepLog vocabulary size of the serving model', () => engine.modelInfo().vocabulary);
    gauge('detector_learning_records', 'Records collected towards the first model (learning mode)', () => engine.modelInfo().learningRecords);
    gauge('detector_learning_target_records', 'Records needed before the first model is trained', () => engine.modelInfo().learningTarget);
    gauge('detector_log_lines_dropped', 'Log lines dropped since start because the log output did not drain (or was closed)', () => sources.logLinesDropped());
  }
}

function countClosed(metrics: DetectorMetrics, verdicts: readonly SessionVerdictView[]): void {
  for (const v of verdicts) if (v.status !== 'unknown' && v.status !== 'learning') metrics.sessionsClosed.inc({ how: v.status, anomalous: String(v.isAnomaly) });
}

/** Returns the engine with every Detect batch, Feedback and Train call counted in `metrics`. */
export function instrumentEngine(engine: DetectorEngineApi, metrics: DetectorMetrics): DetectorEngineApi {
  return {
    async detect(records, opts) {
      const end = metrics.detectSeconds.startTimer();
      try {
        const verdicts = await engine.detect(records, opts);
        end({ outcome: 'ok' });
        let flagged = 0;
        const byStatus = new Map<string, number>();
        for (const v of verdicts) {
          if (v.isAnomaly) flagged++;
          byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
        }
        for (const [status, n] of byStatus) metrics.records.inc({ status }, n);
        if (flagged) metrics.flagged.inc(flagged);
        return verdicts;
      } catch (err) {
        end({ outcome: 'error' });
        throw err;
      }
    },
    async train(batches, options, onProgress) {
      try {
        const res = await engine.train(batches, options, onProgress);
        metrics.trainRuns.inc({ outcome: 'ok' });
        return res;
      } catch (err) {
        metrics.trainRuns.inc({ outcome: 'error' });
        throw err;
      }
    },
    async feedback(records, note) {
      const res = await engine.feedback(records, note);
      metrics.feedbackRecords.inc(res.accepted);
      return res;
    },
    async closeSessions(ids, opts) {
      const verdicts = await engine.closeSessions(ids, opts);
      if (!opts?.dryRun) countClosed(metrics, verdicts);
      return verdicts;
    },
    takeClosedSessions(max) {
      const verdicts = engine.takeClosedSessions(max);
      countClosed(metrics, verdicts);
      return verdicts;
    },
    modelInfo: () => engine.modelInfo(),
    close: () => engine.close(),
  };
}
