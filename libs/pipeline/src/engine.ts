/**
 * The detector engine: serves the current model version (hot-reloaded from the registry),
 * learns from the first N records when there is none, trains new versions without stalling
 * Detect (a worker thread), and applies operator feedback. Transport-neutral: the gRPC
 * server and tests drive it through {@link DetectorEngineApi}.
 */
import * as path from 'node:path';
import { TemplateMiner } from '@log-sentinel/drain';
import { currentVersion, newVersionName, readModelVersion, writeModelVersion } from '@log-sentinel/model-registry';
import type { EngineLogger } from './engine-logger';
import { silentLogger } from './engine-logger';
import type { DetectorEngineApi, FeedbackOutcome, ModelInfoView, TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError, toDetectorError } from './errors';
import { applyFeedback } from './feedback';
import type { MicroBatcherOptions } from './micro-batcher';
import { buildRuntime } from './model-loader';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord, DetectVerdict } from './record';
import { RegistryWatcher } from './registry-watcher';
import { scoreBatch, type ScoreContext } from './scorer';
import { compileSessionKey } from './session-key';
import { SessionStore } from './session-store';
import { runTraining } from './training-runner';

/** Options of {@link DetectorEngine.open}. */
export interface DetectorEngineOptions {
  /** Model registry root (MODEL_DIR). */
  modelDir: string;
  /** With no model: records to learn from before training the first one. */
  learningTarget: number;
  /** Session store limits and key derivation. */
  sessions: { maxSessions: number; ttlMs: number; maxBytes: number; sessionRegex?: string; sessionField?: string };
  /** DeepLog micro-batching. */
  batch: MicroBatcherOptions;
  /** Registry poll interval (0 disables the watcher). */
  reloadPollMs: number;
  /** Logger (pino child in the app). */
  log?: EngineLogger;
  /** Clock. */
  nowMs?: () => number;
  /** Train in a worker thread (default: when running compiled code). */
  trainInWorker?: boolean;
  /** Defaults for training runs (window, topG, maxEpochs …). */
  trainDefaults?: TrainRunOptions;
}

/** The detector engine. */
export class DetectorEngine implements DetectorEngineApi {
  private runtime: ModelRuntime | undefined;
  private readonly sessions: SessionStore;
  private readonly ctx: ScoreContext;
  private readonly watcher: RegistryWatcher | undefined;
  private readonly log: EngineLogger;
  private learningMiner = new TemplateMiner();
  private learningBuffer: DetectRecord[] = [];
  private training: Promise<string> | undefined;
  private trainingAbort: AbortController | undefined;
  private loadChain: Promise<unknown> = Promise.resolve();
  private feedbackChain: Promise<unknown> = Promise.resolve();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Reason the last version was refused, for GetModel. */
  private lastRefusal: string | undefined;

  private constructor(private readonly opts: DetectorEngineOptions) {
    this.log = opts.log ?? silentLogger;
    this.sessions = new SessionStore({ ...opts.sessions, nowMs: opts.nowMs ?? Date.now }, 10);
    this.ctx = { sessions: this.sessions, sessionKey: compileSessionKey(opts.sessions), nowMs: opts.nowMs ?? Date.now };
    if (opts.reloadPollMs > 0) {
      this.watcher = new RegistryWatcher(opts.modelDir, opts.reloadPollMs, (v) => this.loadVersion(v), this.log);
    }
  }

  /** Opens the engine: loads `MODEL_DIR/current` when present (else learning mode) and starts the watcher. */
  static async open(opts: DetectorEngineOptions): Promise<DetectorEngine> {
    const engine = new DetectorEngine(opts);
    let version: string | undefined;
    try {
      version = await currentVersion(opts.modelDir);
    } catch (err) {
      engine.log.error({ err, modelDir: opts.modelDir }, 'model registry pointer unreadable; starting in learning mode');
    }
    if (version !== undefined) {
      try {
        await engine.loadVersion(version);
      } catch (err) {
        engine.lastRefusal = (err as Error).message;
        engine.log.error({ err, version }, 'refused the current model version; starting in learning mode');
      }
    }
    engine.watcher?.markServing(version);
    engine.watcher?.start();
    engine.sweepTimer = setInterval(() => engine.sessions.sweep(), Math.min(60_000, Math.max(1000, opts.sessions.ttlMs / 4)));
    engine.sweepTimer.unref();
    return engine;
  }

  /** The runtime serving now (undefined while learning). */
  get serving(): ModelRuntime | undefined {
    return this.runtime;
  }

  /** Scores records (or, while learning, collects them and answers `learning`). */
  async detect(records: DetectRecord[], opts: { dryRun?: boolean; explain?: boolean } = {}): Promise<DetectVerdict[]> {
    if (this.closed) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
    const dryRun = opts.dryRun ?? false;
    const rt = this.runtime;
    if (!rt) return this.learn(records, dryRun);
    rt.acquire();
    try {
      return await scoreBatch(rt, this.ctx, records, dryRun, opts.explain ?? false);
    } finally {
      rt.releaseCall();
    }
  }

  /** Trains a new version from streamed records; rejects when another run is in progress. */
  async train(batches: AsyncIterable<DetectRecord[]>, options: TrainRunOptions, onProgress: (p: TrainProgressEvent) => void): Promise<{ version: string }> {
    if (this.training) throw new DetectorError('FAILED_PRECONDITION', 'a training run is already in progress; retry when it is done');
    const records: DetectRecord[] = [];
    // Reserve the slot while receiving so two Train calls cannot interleave.
    let release!: (v: string) => void;
    let fail!: (e: unknown) => void;
    this.training = new Promise<string>((res, rej) => ((release = res), (fail = rej)));
    this.training.catch(() => undefined);
    try {
      for await (const batch of batches) {
        for (const r of batch) records.push(r);
        onProgress({ phase: 'receiving', recordsReceived: records.length, fraction: 0 });
      }
      if (records.length === 0) throw new DetectorError('INVALID_ARGUMENT', 'the training stream held no records');
      const version = await this.trainNow(records, { ...this.opts.trainDefaults, ...options }, onProgress);
      release(version);
      return { version };
    } catch (err) {
      fail(err);
      throw err;
    } finally {
      this.training = undefined;
    }
  }

  /** Applies operator feedback to the serving model and writes it as a new version. */
  feedback(records: DetectRecord[], note = ''): Promise<FeedbackOutcome> {
    // One feedback round at a time: each builds on the version the previous one wrote.
    const run = this.feedbackChain.then(() => this.feedbackNow(records, note));
    this.feedbackChain = run.catch(() => undefined);
    return run;
  }

  private async feedbackNow(records: DetectRecord[], note: string): Promise<FeedbackOutcome> {
    const rt = this.runtime;
    if (!rt) throw new DetectorError('FAILED_PRECONDITION', 'no model is serving yet (the detector is still learning); feedback needs a model');
    const out = await applyFeedback(rt, this.ctx, records, note);
    // Persist as a new version (fine-tuned DeepLog weights + feedback sets) and serve it.
    const version = newVersionName();
    this.watcher?.markServing(version); // this process loads it below; the watcher need not
    const written = await writeModelVersion(this.opts.modelDir, out.files, out.meta, { activate: true, version });
    await this.loadVersion(written.version);
    return { accepted: out.accepted, templateIds: out.templateIds, windowsLearned: out.windowsLearned, modelVersion: written.version };
  }

  /** Describes the serving model (or the learning progress). */
  modelInfo(): ModelInfoView {
    const rt = this.runtime;
    const base = {
      learningRecords: this.learningBuffer.length,
      learningTarget: this.opts.learningTarget,
    };
    if (!rt) {
      return {
        version: '',
        status: this.training ? 'training' : 'learning',
        templates: this.learningMiner.stats().clusters,
        vocabulary: 0,
        window: 0,
        topG: 0,
        manifestJson: this.lastRefusal ? JSON.stringify({ refused: this.lastRefusal }) : '',
        ...base,
      };
    }
    const p = rt.parts;
    return {
      version: rt.version,
      status: this.training ? 'training' : 'scored',
      createdMs: Date.parse(p.manifest.created),
      templates: p.miner.stats().clusters,
      vocabulary: p.vocab.size,
      window: p.window,
      topG: p.topG,
      manifestJson: JSON.stringify(p.manifest),
      ...base,
    };
  }

  /** Engine counters (sessions, batching, cache). */
  stats(): Record<string, unknown> {
    return { sessions: this.sessions.stats(), batching: this.runtime?.batchStats(), learning: this.learningBuffer.length };
  }

  /** Stops the watcher and training, waits for in-flight scoring and frees the model. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.watcher?.stop();
    this.trainingAbort?.abort();
    await this.training?.catch(() => undefined);
    await this.loadChain.catch(() => undefined);
    await this.runtime?.retire(5000);
  }

  /** Loads a version of the registry and swaps it in; throws (keeping the old model) when it is corrupt or incompatible. */
  loadVersion(version: string): Promise<void> {
    const next = this.loadChain.then(async () => {
      const dir = path.join(this.opts.modelDir, version);
      let rt: ModelRuntime;
      try {
        const loaded = await readModelVersion(dir);
        rt = await buildRuntime(loaded, this.opts.batch);
      } catch (err) {
        this.lastRefusal = `${version}: ${(err as Error).message}`;
        throw toDetectorError(err, 'MODEL_INCOMPATIBLE');
      }
      const old = this.runtime;
      rt.adoptSessionsFrom(old);
      this.runtime = rt;
      this.lastRefusal = undefined;
      this.learningBuffer = [];
      this.watcher?.markServing(version);
      this.log.info({ version, previous: old?.version ?? null, vocabulary: rt.parts.vocab.size }, 'model version serving');
      if (old) void old.retire();
    });
    this.loadChain = next.catch(() => undefined);
    return next;
  }

  private learn(records: DetectRecord[], dryRun: boolean): DetectVerdict[] {
    const now = this.ctx.nowMs();
    const out = new Array<DetectVerdict>(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      let templateId = '';
      let template = '';
      let params: string[] = [];
      if (dryRun) {
        const m = this.learningMiner.match(r.message);
        if (m) {
          templateId = m.cluster.templateId;
          template = m.cluster.template;
          params = m.params;
        }
      } else {
        const a = this.learningMiner.add(r.message);
        templateId = a.cluster.templateId;
        template = a.cluster.template;
        params = a.params;
        if (this.learningBuffer.length < this.opts.learningTarget) this.learningBuffer.push(r.timestampMs === undefined ? { ...r, timestampMs: now } : r);
      }
      out[i] = {
        recordId: r.id,
        isAnomaly: false,
        score: 0,
        reasons: [],
        templateId,
        template,
        status: 'learning',
        modelVersion: '',
        sessionId: this.ctx.sessionKey(r),
        params,
        explanation: `learning: ${Math.min(this.learningBuffer.length, this.opts.learningTarget)}/${this.opts.learningTarget} records collected`,
      };
    }
    if (!dryRun && !this.training && this.learningBuffer.length >= this.opts.learningTarget) this.startLearningRun();
    return out;
  }

  private startLearningRun(): void {
    const records = this.learningBuffer;
    this.log.info({ records: records.length }, 'learning target reached; training the first model');
    const run = this.trainNow(records, { ...this.opts.trainDefaults, activate: true }, (p) => {
      if (p.phase === 'done') this.log.info({ version: p.modelVersion }, 'first model trained');
    });
    this.training = run;
    run.then(
      () => {
        this.training = undefined;
      },
      (err: unknown) => {
        this.training = undefined;
        this.learningBuffer = [];
        this.learningMiner = new TemplateMiner();
        if (!this.closed) this.log.error({ err }, 'training the first model failed; learning starts over');
      },
    );
  }

  private async trainNow(records: DetectRecord[], options: TrainRunOptions, onProgress: (p: TrainProgressEvent) => void): Promise<string> {
    this.trainingAbort = new AbortController();
    const sessionOpts = {
      sessionRegex: options.sessionRegex ?? this.opts.sessions.sessionRegex,
      sessionField: options.sessionField ?? this.opts.sessions.sessionField,
    };
    const trained = await runTraining(records, { ...options, ...sessionOpts }, onProgress, {
      inWorker: this.opts.trainInWorker,
      signal: this.trainingAbort.signal,
    });
    onProgress({ phase: 'writing', recordsReceived: records.length, fraction: 0.95 });
    const activate = options.activate ?? true;
    const version = newVersionName();
    if (activate) this.watcher?.markServing(version); // loaded below, not by the watcher
    const written = await writeModelVersion(this.opts.modelDir, trained.files, trained.meta, { activate, version });
    if (activate) await this.loadVersion(written.version);
    onProgress({ phase: 'done', recordsReceived: records.length, fraction: 1, modelVersion: written.version });
    return written.version;
  }
}
