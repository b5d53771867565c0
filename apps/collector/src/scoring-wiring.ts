/**
 * Starts the scoring stage where SCORING_THREAD says: in a worker thread (default; see
 * libs/scoring `thread/`) or on the main thread beside intake. Either way the collector sees
 * one {@link ScoringRunner}; feedback and the console's model status use a detector client
 * of the main thread.
 */
import * as path from 'node:path';
import { DetectorClient } from '@log-sentinel/detector-client';
import { ScoringStage, ScoringThreadHost, type ScoringStageOptions } from '@log-sentinel/scoring';
import type { ElasticLogDocument } from '@log-sentinel/schema';
import type { Spool, SpoolBudgetSlot } from '@log-sentinel/spool';
import type { Logger } from 'pino';
import type { CollectorConfig } from './config';
import type { CollectorMetrics } from './metrics';
import { openPendingSpool, type ScoringWorkerData } from './scoring-worker-data';
import { stepBytes } from './spool-budget';

/**
 * How long the scoring stage lets records gather in the intake spool before a step: at most
 * ~50 steps (scored-spool fsyncs) a second under a trickle of small POSTs, instead of one per
 * intake group commit; 20 ms more before a record is scored and delivered, none on its reply.
 */
const STAGE_LINGER_MS = 20;

/** The running stage, wherever it runs. */
export interface ScoringRunner {
  /** True while the stage holds its position for an unreachable detector. */
  readonly holding: boolean;
  /** Some detector can score. */
  readonly detectorAvailable: boolean;
  /** Breaker state per detector address. */
  detectorStates(): Record<string, string>;
  /** Bytes of the pending spool, when there is one. */
  pendingBytes(): number | undefined;
  /** A client for feedback and `GetModel` (not the one scoring uses in a worker). */
  readonly detector: DetectorClient | undefined;
  /** Stops scoring; the batch in hand is written or replayed at the next start. Idempotent. */
  shutdown(): Promise<void>;
}

/** What the stage connects to on the main thread. */
export interface ScoringWiring {
  intake: Spool;
  scored: Spool;
  /** The pending spool's slot in the budget the three spools share (SPOOL_MAX_BYTES). */
  pendingBudget: SpoolBudgetSlot;
  metrics: CollectorMetrics;
  onWritten(docs: readonly ElasticLogDocument[]): void;
  log: Logger;
  /** A scoring worker thread that died (the collector cannot score any more). */
  onFailure(err: Error): void;
}

/** Starts the stage; see the module comment. */
export async function startScoring(cfg: CollectorConfig, w: ScoringWiring): Promise<ScoringRunner> {
  const stageOptions: ScoringStageOptions = { batchRecords: Math.max(2000, cfg.detector?.maxBatch ?? 0), batchBytes: stepBytes(cfg.spool.maxBytes), holdMs: cfg.scoring.holdMs, retryMs: 100, rescoreIntervalMs: cfg.scoring.rescoreIntervalMs, lingerMs: STAGE_LINGER_MS };
  const pendingDir = path.join(cfg.spool.dir, 'pending');
  const log = w.log.child({ component: 'scoring' });
  const onCall = (s: number, outcome: 'ok' | 'error' | 'skipped', detector: string): void => w.metrics.detectorLatency.observe({ outcome, detector }, s);
  if (cfg.scoring.thread === 'main') return startInThread(cfg, w, stageOptions, pendingDir, log, onCall);
  const data: ScoringWorkerData = { logLevel: cfg.logLevel, nice: cfg.scoring.threadNice, detector: cfg.detector, pendingSpool: { ...cfg.spool, dir: pendingDir, budget: w.pendingBudget }, stage: stageOptions, hasScored: true };
  const host = new ScoringThreadHost(path.join(__dirname, 'scoring-worker.js'), data, { intake: w.intake, scored: w.scored, onWritten: w.onWritten, metrics: w.metrics, onDetectCall: onCall, log: w.log }, w.onFailure);
  const started = await host.started;
  log.info({ nice: started.nice ?? 0 }, 'scoring stage runs in a worker thread');
  // Feedback and GetModel only: no Detect traffic, no polling.
  const detector = cfg.detector ? new DetectorClient({ ...cfg.detector, sessionPollMs: 0 }, w.log.child({ component: 'detector-client' })) : undefined;
  return {
    get holding() {
      return host.holding;
    },
    get detectorAvailable() {
      return host.status.detectorAvailable;
    },
    detectorStates: () => host.status.detectorStates,
    pendingBytes: () => host.status.pendingBytes,
    detector,
    shutdown: async () => {
      await host.shutdown();
      detector?.close();
    },
  };
}

async function startInThread(
  cfg: CollectorConfig,
  w: ScoringWiring,
  stageOptions: ScoringStageOptions,
  pendingDir: string,
  log: Logger,
  onCall: (s: number, outcome: 'ok' | 'error' | 'skipped', detector: string) => void,
): Promise<ScoringRunner> {
  const pending = cfg.detector ? await openPendingSpool({ ...cfg.spool, dir: pendingDir, budget: w.pendingBudget }, log) : undefined;
  const detector = cfg.detector
    ? new DetectorClient(cfg.detector, w.log.child({ component: 'detector-client' }), {
        onCall,
        // Closed-session verdicts come once from the detector: through the scoring stage, like records.
        onSessionVerdicts: (verdicts) => stage.addSessionVerdicts(verdicts),
      })
    : undefined;
  const stage = new ScoringStage(
    { intake: w.intake, output: { scored: w.scored, onWritten: w.onWritten }, ...(pending ? { pending } : {}), ...(detector ? { scorer: detector } : {}), metrics: w.metrics, log },
    stageOptions,
  );
  stage.start();
  let stopping: Promise<void> | undefined;
  return {
    get holding() {
      return stage.holding;
    },
    get detectorAvailable() {
      return detector?.available ?? false;
    },
    detectorStates: () => detector?.states() ?? {},
    pendingBytes: () => pending?.stats().bytes,
    detector,
    shutdown: () =>
      (stopping ??= (async () => {
        // No live Detect calls remain: stop polling, then keep the verdicts already received.
        detector?.stopPolling();
        await stage.shutdown();
        await pending?.close();
        detector?.close();
      })()),
  };
}
