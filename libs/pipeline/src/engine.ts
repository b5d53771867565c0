/**
 * The detector engine: serves the current model version (hot-reloaded from the registry),
 * learns from the first N records when there is none, trains new versions without stalling
 * Detect (a worker thread), and applies operator feedback. Transport-neutral: the gRPC
 * server and tests drive it through {@link DetectorEngineApi}. This class wires the parts
 * to the serving runtime: the records kept while learning (./learning-buffer), verdicts of
 * sessions closed by themselves (./closed-sessions), writing new versions under the
 * training lease (./model-publisher).
 */
import { LocalModelStore, type ModelStore } from '@log-sentinel/model-registry';
import type { EngineLogger } from './engine-logger';
import { silentLogger } from './engine-logger';
import type { DetectorEngineApi, FeedbackOutcome, ModelInfoView, TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError, toDetectorError } from './errors';
import { applyFeedback } from './feedback';
import type { MicroBatcherOptions } from './micro-batcher';
import { buildRuntime } from './model-loader';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord, DetectVerdict, SessionVerdictView } from './record';
import { RegistryWatcher } from './registry-watcher';
import { LeaseHeldError, LeaseKeeper, type LeaseSettings } from './training-lease';
import { StoreExporter, type ExportSettings } from './store-export';
import { scoreBatch, type ScoreContext } from './scorer';
import { compileSessionKey } from './session-key';
import { Preprocessor } from './preprocess';
import { judgeSessions, type ClosingSession } from './session-close';
import { SessionStore } from './session-store';
import { ClosedSessionOutbox } from './closed-sessions';
import { LearningBuffer } from './learning-buffer';
import { ModelPublisher } from './model-publisher';
import { preprocessFor } from './trainer';

/** Options of {@link DetectorEngine.open}. */
export interface DetectorEngineOptions {
  /** Model registry root (MODEL_DIR); used when `store` is not given. */
  modelDir: string;
  /** Where versions live (default: the directory `modelDir`); an S3 store makes several detectors share one model. */
  store?: ModelStore;
  /** Training lease of the store (default: holder `detector-<pid>`, 60 s). */
  lease?: LeaseSettings;
  /** With a shared store: how long to wait before asking again for a lease another detector holds (default 5 s). */
  leaseRetryMs?: number;
  /** Export training records and/or detection results to the store (S3 stores only). */
  export?: ExportSettings;
  /** With no model: records to learn from before training the first one. */
  learningTarget: number;
  /** With no model: the learning buffer's size bound (estimated bytes, default 256 MiB); once a record does not fit, the first model is trained from what is held. */
  learningBufferMaxBytes?: number;
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
  private readonly store: ModelStore;
  /** Trains and writes new versions under the store's training lease. */
  private readonly publisher: ModelPublisher;
  private readonly exporter: StoreExporter | undefined;
  /** Records collected while no model serves. */
  private readonly learning: LearningBuffer;
  private training: Promise<string> | undefined;
  private loadChain: Promise<unknown> = Promise.resolve();
  private feedbackChain: Promise<unknown> = Promise.resolve();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Reason the last version was refused, for GetModel. */
  private lastRefusal: string | undefined;
  /** Sessions closed by themselves (idle, evicted): judged, verdicts waiting for a client. */
  private readonly closedSessions: ClosedSessionOutbox;

  private constructor(private readonly opts: DetectorEngineOptions) {
    this.log = opts.log ?? silentLogger;
    this.store = opts.store ?? new LocalModelStore(opts.modelDir);
    this.exporter = opts.export && StoreExporter.supported(this.store) ? new StoreExporter(this.store, opts.export, this.log, opts.nowMs) : undefined;
    const lease = new LeaseKeeper(this.store, opts.lease ?? { holder: `detector-${process.pid}`, ttlMs: 60_000 }, this.log);
    this.closedSessions = new ClosedSessionOutbox(() => this.runtime, () => this.closed, this.log);
    this.sessions = new SessionStore(
      { ...opts.sessions, nowMs: opts.nowMs ?? Date.now, onDrop: (id, state, why) => this.closedSessions.onDropped(id, state, why) },
      10,
    );
    this.ctx = { sessions: this.sessions, sessionKey: compileSessionKey(opts.sessions), nowMs: opts.nowMs ?? Date.now };
    this.learning = new LearningBuffer(
      { learningTarget: opts.learningTarget, maxBytes: opts.learningBufferMaxBytes },
      Preprocessor.compile(preprocessFor(opts.trainDefaults ?? {}, opts.sessions)),
      this.ctx.sessionKey,
    );
    if (opts.reloadPollMs > 0) {
      this.watcher = new RegistryWatcher(this.store.location, () => this.store.current(), opts.reloadPollMs, (v) => this.loadVersion(v), this.log);
    }
    this.publisher = new ModelPublisher({
      store: this.store,
      lease,
      exporter: this.exporter,
      watcher: this.watcher,
      loadVersion: (v) => this.loadVersion(v),
      servingDrain: () => this.runtime?.parts.miner.options,
      sessions: opts.sessions,
      trainInWorker: opts.trainInWorker,
    });
  }

  /**
   * Opens the engine: loads the store's `current` version when there is one (else learning
   * mode) and starts the watcher. A remote store that cannot be reached falls back to the
   * version its local copy last served.
   */
  static async open(opts: DetectorEngineOptions): Promise<DetectorEngine> {
    const engine = new DetectorEngine(opts);
    const store = engine.store;
    let version: string | undefined;
    try {
      version = await store.current();
    } catch (err) {
      version = await store.localCurrent?.().catch(() => undefined);
      if (version !== undefined) {
        engine.log.error({ err, store: store.location, version }, 'model store unreachable at start; serving the local copy of the version it last served');
      } else {
        engine.log.error({ err, store: store.location }, 'model registry pointer unreadable; starting in learning mode');
      }
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
    engine.sweepTimer = setInterval(() => {
      engine.sessions.sweep();
      engine.closedSessions.judgeDropped();
    }, Math.min(60_000, Math.max(500, opts.sessions.ttlMs / 4)));
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
      const verdicts = await scoreBatch(rt, this.ctx, records, dryRun, opts.explain ?? false);
      if (!dryRun) this.exporter?.detections(records, verdicts);
      return verdicts;
    } finally {
      rt.releaseCall();
    }
  }

  /** Closes sessions: the end-of-session check and what their records showed; unknown ids get status `unknown`. */
  async closeSessions(ids: string[], opts: { dryRun?: boolean } = {}): Promise<SessionVerdictView[]> {
    if (this.closed) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
    const rt = this.runtime;
    if (!rt) {
      return ids.map((id) => ({
        sessionId: id, isAnomaly: false, score: 0, reasons: [], modelVersion: '', records: 0, flaggedRecords: 0, recent: [],
        status: 'learning', explanation: 'no model yet: the detector is still learning',
      }));
    }
    const closing: ClosingSession[] = ids.map((id) => {
      const live = opts.dryRun ? this.sessions.peek(id) : this.sessions.take(id);
      const state = live && opts.dryRun ? { ...live, keys: live.keys.slice() } : live;
      return { id, state, status: state ? 'closed' : 'unknown' };
    });
    rt.acquire();
    try {
      return await judgeSessions(rt, closing);
    } finally {
      rt.releaseCall();
    }
  }

  /** Hands out (once) the verdicts of sessions closed by idle timeout or eviction, oldest first. */
  takeClosedSessions(max = 10_000): SessionVerdictView[] {
    return this.closedSessions.take(max);
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
      const { version } = await this.publisher.train(records, { ...this.opts.trainDefaults, ...options }, onProgress);
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
    const modelVersion = await this.publisher.publishFeedback(out.files, out.meta);
    return { accepted: out.accepted, templateIds: out.templateIds, windowsLearned: out.windowsLearned, modelVersion };
  }

  /** Describes the serving model (or the learning progress). */
  modelInfo(): ModelInfoView {
    const rt = this.runtime;
    const learning = this.learning.progress();
    const base = {
      learningRecords: learning.records,
      learningTarget: learning.goal,
    };
    if (!rt) {
      return {
        version: '',
        status: this.training ? 'training' : 'learning',
        templates: learning.templates,
        vocabulary: 0,
        window: 0,
        topG: 0,
        manifestJson: this.lastRefusal ? JSON.stringify({ refused: this.lastRefusal }) : '',
        warnings: this.learning.degenerate.map((d) => `degenerate learning data: ${d}`),
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
      warnings: (p.settings.degenerate ?? []).map((d) => `degenerate learning data (DeepLog does not flag): ${d}`),
      ...base,
    };
  }

  /** Engine counters (sessions, batching, cache, closed-session verdicts waiting and discarded). */
  stats(): Record<string, unknown> {
    return {
      sessions: this.sessions.stats(),
      batching: this.runtime?.batchStats(),
      learning: this.learning.progress().records,
      closedSessions: this.closedSessions.stats(),
      ...(this.exporter ? { exports: { written: this.exporter.written, dropped: this.exporter.dropped } } : {}),
    };
  }

  /** Stops the watcher and training, waits for in-flight scoring and frees the model. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.watcher?.stop();
    this.publisher.abort();
    await this.training?.catch(() => undefined);
    await this.closedSessions.settled();
    await this.loadChain.catch(() => undefined);
    await this.runtime?.retire(5000);
    await this.exporter?.flush();
    this.store.close();
  }

  /** Loads a version of the registry and swaps it in; throws (keeping the old model) when it is corrupt or incompatible. */
  loadVersion(version: string): Promise<void> {
    const next = this.loadChain.then(async () => {
      let rt: ModelRuntime;
      try {
        const loaded = await this.store.read(version);
        rt = await buildRuntime(loaded, this.opts.batch);
      } catch (err) {
        this.lastRefusal = `${version}: ${(err as Error).message}`;
        throw toDetectorError(err, 'MODEL_INCOMPATIBLE');
      }
      const old = this.runtime;
      rt.adoptSessionsFrom(old);
      this.runtime = rt;
      this.lastRefusal = undefined;
      this.learning.clear();
      this.watcher?.markServing(version);
      this.log.info({ version, previous: old?.version ?? null, vocabulary: rt.parts.vocab.size }, 'model version serving');
      if (old) void old.retire();
    });
    this.loadChain = next.catch(() => undefined);
    return next;
  }

  private learn(records: DetectRecord[], dryRun: boolean): DetectVerdict[] {
    const now = this.ctx.nowMs();
    const out = this.learning.collect(records, dryRun, now);
    if (!dryRun && !this.training && this.learning.ready(now)) this.startLearningRun();
    return out;
  }

  private startLearningRun(): void {
    const records = this.learning.snapshot();
    const final = this.learning.isFinal(records.length);
    this.log.info({ records: records.length }, 'learning target reached; training the first model');
    // Activated unless the learning data is degenerate (DeepLog would not mean anything):
    // then learning goes on, up to MAX_LEARNING_FACTOR × the target, where it is activated anyway.
    const run = this.publisher.train(records, { ...this.opts.trainDefaults, liveCut: true, activate: final ? true : 'unless-degenerate', firstModel: true }, (p) => {
      if (p.phase === 'done') this.log.info({ version: p.modelVersion }, 'first model trained');
    });
    const version = run.then((r) => r.version);
    version.catch(() => undefined);
    this.training = version;
    run.then(
      (r) => {
        this.training = undefined;
        this.learning.degenerate = r.degenerate;
        if (r.degenerate.length === 0) return;
        if (r.activated) {
          this.log.error(
            { version: r.version, degenerate: r.degenerate, records: records.length },
            `model ${r.version} serves, but its learning data is degenerate (${r.degenerate.join('; ')}): DeepLog does not flag; give the detector session ids (DETECTOR_SESSION_REGEX/FIELD or session_id) and retrain`,
          );
          return;
        }
        const goal = this.learning.keepLearning(records.length);
        this.log.error(
          { version: r.version, degenerate: r.degenerate, records: records.length, nextTarget: goal },
          `model ${r.version} was not activated: its learning data is degenerate (${r.degenerate.join('; ')}); learning goes on until ${goal} records`,
        );
      },
      (err: unknown) => {
        this.training = undefined;
        if (err instanceof LeaseHeldError) {
          // another detector trains for this store: keep the records, pick its version up, ask again later
          const retryMs = this.opts.leaseRetryMs ?? 5000;
          this.learning.retryAt(this.ctx.nowMs() + retryMs);
          this.log.info({ holder: err.holder, store: this.store.location, retryMs }, 'another detector holds the training lease; waiting for its model');
          const retry = setTimeout(() => {
            if (!this.closed && !this.runtime && !this.training && this.learning.reachedGoal()) this.startLearningRun();
          }, retryMs);
          retry.unref();
          return;
        }
        this.learning.reset();
        if (!this.closed) this.log.error({ err }, 'training the first model failed; learning starts over');
      },
    );
  }
}
