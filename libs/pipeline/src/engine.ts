/**
 * The detector engine: serves the current model version (hot-reloaded from the registry),
 * learns from the first N records when there is none, trains new versions without stalling
 * Detect (a worker thread), and applies operator feedback. Transport-neutral: the gRPC
 * server and tests drive it through {@link DetectorEngineApi}.
 */
import { TemplateMiner } from '@log-sentinel/drain';
import { LocalModelStore, newVersionName, type ModelStore } from '@log-sentinel/model-registry';
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
import { SessionStore, type SessionDropReason, type SessionState } from './session-store';
import { runTraining } from './training-runner';
import { preprocessFor } from './trainer';

/** Most closed-session verdicts kept for clients to collect. */
export const MAX_CLOSED_OUTBOX = 100_000;

/** A degenerate first model is not activated until the learning buffer holds this many times the learning target. */
export const MAX_LEARNING_FACTOR = 4;

/** Default bound of the learning buffer, estimated bytes. */
export const DEFAULT_LEARNING_BUFFER_MAX_BYTES = 256 * 1024 * 1024;

/** Rough bytes a buffered record holds (UTF-16 strings plus object overhead). */
export function estimatedRecordBytes(r: DetectRecord): number {
  let n = 64 + 2 * (r.id.length + r.message.length + (r.level?.length ?? 0) + (r.service?.length ?? 0) + (r.host?.length ?? 0) + (r.sessionId?.length ?? 0));
  if (r.labels) for (const k in r.labels) n += 32 + 2 * (k.length + (r.labels[k]?.length ?? 0));
  return n;
}

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
  private readonly lease: LeaseKeeper;
  private readonly exporter: StoreExporter | undefined;
  /** While another detector holds the lease: no learning run before this time. */
  private learningRetryAtMs = 0;
  private learningMiner = new TemplateMiner();
  private readonly learningPreprocessor: Preprocessor;
  private learningBuffer: DetectRecord[] = [];
  /** Estimated bytes held by {@link learningBuffer}. */
  private learningBufferBytes = 0;
  /** True once a record did not fit under `learningBufferMaxBytes`: the buffer counts as full. */
  private learningBufferFull = false;
  private training: Promise<string> | undefined;
  private trainingAbort: AbortController | undefined;
  private loadChain: Promise<unknown> = Promise.resolve();
  private feedbackChain: Promise<unknown> = Promise.resolve();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Reason the last version was refused, for GetModel. */
  private lastRefusal: string | undefined;
  /** Sessions the store dropped by itself, waiting to be judged. */
  private dropped: ClosingSession[] = [];
  /** Verdicts of sessions closed by themselves, waiting to be handed out (bounded). */
  private closedOutbox: SessionVerdictView[] = [];
  /** Closed-session verdicts discarded because nobody collected them (outbox full); reported by {@link stats}. */
  private closedDiscarded = 0;
  private judging: Promise<void> = Promise.resolve();
  /** Records to collect before the next learning run (the target, raised after a degenerate run). */
  private learningGoal: number;
  /** Why the last model trained from learning data was degenerate ([] = it was not). */
  private degenerate: string[] = [];

  private constructor(private readonly opts: DetectorEngineOptions) {
    this.log = opts.log ?? silentLogger;
    this.store = opts.store ?? new LocalModelStore(opts.modelDir);
    this.exporter = opts.export && StoreExporter.supported(this.store) ? new StoreExporter(this.store, opts.export, this.log, opts.nowMs) : undefined;
    this.lease = new LeaseKeeper(this.store, opts.lease ?? { holder: `detector-${process.pid}`, ttlMs: 60_000 }, this.log);
    this.learningGoal = opts.learningTarget;
    this.learningPreprocessor = Preprocessor.compile(preprocessFor(opts.trainDefaults ?? {}, opts.sessions));
    this.sessions = new SessionStore(
      { ...opts.sessions, nowMs: opts.nowMs ?? Date.now, onDrop: (id, state, why) => this.onSessionDropped(id, state, why) },
      10,
    );
    this.ctx = { sessions: this.sessions, sessionKey: compileSessionKey(opts.sessions), nowMs: opts.nowMs ?? Date.now };
    if (opts.reloadPollMs > 0) {
      this.watcher = new RegistryWatcher(this.store.location, () => this.store.current(), opts.reloadPollMs, (v) => this.loadVersion(v), this.log);
    }
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
      engine.judgeDropped();
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
    return this.closedOutbox.splice(0, max);
  }

  private onSessionDropped(id: string, state: SessionState, why: SessionDropReason): void {
    if (state.records === 0) return;
    this.dropped.push({ id, state, status: why });
    if (this.dropped.length >= 1000) this.judgeDropped();
  }

  /** Judges the sessions dropped so far and queues their verdicts (one judging run at a time). */
  private judgeDropped(): void {
    if (this.dropped.length === 0) return;
    const batch = this.dropped;
    this.dropped = [];
    this.judging = this.judging.then(async () => {
      const rt = this.runtime;
      if (!rt || this.closed) return;
      rt.acquire();
      try {
        const verdicts = await judgeSessions(rt, batch);
        for (const v of verdicts) this.closedOutbox.push(v);
        const over = this.closedOutbox.length - MAX_CLOSED_OUTBOX;
        if (over > 0) {
          this.closedOutbox.splice(0, over);
          this.closedDiscarded += over;
          this.log.warn({ discarded: over }, 'closed-session verdicts discarded: no client collected them');
        }
      } catch (err) {
        this.log.error({ err, sessions: batch.length }, 'judging closed sessions failed; their verdicts are lost');
      } finally {
        rt.releaseCall();
      }
    });
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
      const { version } = await this.trainNow(records, { ...this.opts.trainDefaults, ...options }, onProgress);
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
    return this.lease.run(async (stillHeld) => {
      if (!(await stillHeld())) throw new DetectorError('FAILED_PRECONDITION', 'the training lease was lost; the feedback was not published');
      this.watcher?.markServing(version); // this process loads it below; the watcher need not
      const written = await this.store.write(out.files, out.meta, { activate: true, version });
      await this.loadVersion(written.version);
      return { accepted: out.accepted, templateIds: out.templateIds, windowsLearned: out.windowsLearned, modelVersion: written.version };
    });
  }

  /** Describes the serving model (or the learning progress). */
  modelInfo(): ModelInfoView {
    const rt = this.runtime;
    const base = {
      learningRecords: this.learningBuffer.length,
      learningTarget: this.learningGoal,
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
        warnings: this.degenerate.map((d) => `degenerate learning data: ${d}`),
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
      learning: this.learningBuffer.length,
      closedSessions: { waiting: this.closedOutbox.length, discarded: this.closedDiscarded },
      ...(this.exporter ? { exports: { written: this.exporter.written, dropped: this.exporter.dropped } } : {}),
    };
  }

  /** Stops the watcher and training, waits for in-flight scoring and frees the model. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.watcher?.stop();
    this.trainingAbort?.abort();
    await this.training?.catch(() => undefined);
    await this.judging.catch(() => undefined);
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
      this.clearLearningBuffer();
      this.watcher?.markServing(version);
      this.log.info({ version, previous: old?.version ?? null, vocabulary: rt.parts.vocab.size }, 'model version serving');
      if (old) void old.retire();
    });
    this.loadChain = next.catch(() => undefined);
    return next;
  }

  private clearLearningBuffer(): void {
    this.learningBuffer = [];
    this.learningBufferBytes = 0;
    this.learningBufferFull = false;
  }

  private learn(records: DetectRecord[], dryRun: boolean): DetectVerdict[] {
    const now = this.ctx.nowMs();
    const out = new Array<DetectVerdict>(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      // the preprocessing the first model will be trained with (./trainer), so templates shown while learning match it
      const prepared = this.learningPreprocessor.apply(r);
      let templateId = '';
      let template = '';
      let params: string[] = [];
      if (prepared.key !== undefined) {
        templateId = template = prepared.key;
      } else if (dryRun) {
        const m = this.learningMiner.match(prepared.record.message);
        if (m) {
          templateId = m.cluster.templateId;
          template = m.cluster.template;
          params = m.params;
        }
      } else {
        const a = this.learningMiner.add(prepared.record.message);
        templateId = a.cluster.templateId;
        template = a.cluster.template;
        params = a.params;
      }
      if (!dryRun && this.learningBuffer.length < this.learningGoal) {
        const size = estimatedRecordBytes(r);
        if (this.learningBufferBytes + size <= (this.opts.learningBufferMaxBytes ?? DEFAULT_LEARNING_BUFFER_MAX_BYTES)) {
          this.learningBuffer.push(r.timestampMs === undefined ? { ...r, timestampMs: prepared.record.timestampMs ?? now } : r);
          this.learningBufferBytes += size;
        } else {
          this.learningBufferFull = true;
        }
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
        sessionId: prepared.sessionId || this.ctx.sessionKey(prepared.record),
        params,
        explanation: `learning: ${Math.min(this.learningBuffer.length, this.learningGoal)}/${this.learningGoal} records collected`,
      };
    }
    if (!dryRun && !this.training && (this.learningBuffer.length >= this.learningGoal || this.learningBufferFull) && now >= this.learningRetryAtMs) this.startLearningRun();
    return out;
  }

  private startLearningRun(): void {
    const records = this.learningBuffer.slice();
    const final = records.length >= this.opts.learningTarget * MAX_LEARNING_FACTOR;
    this.log.info({ records: records.length }, 'learning target reached; training the first model');
    // Activated unless the learning data is degenerate (DeepLog would not mean anything):
    // then learning goes on, up to MAX_LEARNING_FACTOR × the target, where it is activated anyway.
    const run = this.trainNow(records, { ...this.opts.trainDefaults, activate: final ? true : 'unless-degenerate', firstModel: true }, (p) => {
      if (p.phase === 'done') this.log.info({ version: p.modelVersion }, 'first model trained');
    });
    const version = run.then((r) => r.version);
    version.catch(() => undefined);
    this.training = version;
    run.then(
      (r) => {
        this.training = undefined;
        if (r.degenerate.length === 0) {
          this.degenerate = [];
          return;
        }
        this.degenerate = r.degenerate;
        if (r.activated) {
          this.log.error(
            { version: r.version, degenerate: r.degenerate, records: records.length },
            `model ${r.version} serves, but its learning data is degenerate (${r.degenerate.join('; ')}): DeepLog does not flag; give the detector session ids (DETECTOR_SESSION_REGEX/FIELD or session_id) and retrain`,
          );
          return;
        }
        this.learningGoal = Math.min(this.opts.learningTarget * MAX_LEARNING_FACTOR, records.length * 2);
        if (this.learningBufferFull) this.clearLearningBuffer(); // it cannot grow under the byte bound: learn from fresh records
        this.log.error(
          { version: r.version, degenerate: r.degenerate, records: records.length, nextTarget: this.learningGoal },
          `model ${r.version} was not activated: its learning data is degenerate (${r.degenerate.join('; ')}); learning goes on until ${this.learningGoal} records`,
        );
      },
      (err: unknown) => {
        this.training = undefined;
        if (err instanceof LeaseHeldError) {
          // another detector trains for this store: keep the records, pick its version up, ask again later
          const retryMs = this.opts.leaseRetryMs ?? 5000;
          this.learningRetryAtMs = this.ctx.nowMs() + retryMs;
          this.log.info({ holder: err.holder, store: this.store.location, retryMs }, 'another detector holds the training lease; waiting for its model');
          const retry = setTimeout(() => {
            if (!this.closed && !this.runtime && !this.training && this.learningBuffer.length >= this.learningGoal) this.startLearningRun();
          }, retryMs);
          retry.unref();
          return;
        }
        this.clearLearningBuffer();
        this.learningMiner = new TemplateMiner();
        if (!this.closed) this.log.error({ err }, 'training the first model failed; learning starts over');
      },
    );
  }

  private async trainNow(
    records: DetectRecord[],
    options: Omit<TrainRunOptions, 'activate'> & { activate?: boolean | 'unless-degenerate'; firstModel?: boolean },
    onProgress: (p: TrainProgressEvent) => void,
  ): Promise<{ version: string; degenerate: string[]; activated: boolean }> {
    return this.lease.run(async (stillHeld) => {
      const { activate: wanted, firstModel, ...runOptions } = options;
      if (firstModel) {
        // another detector may have published the first model since this one started learning
        const published = await this.store.current();
        if (published !== undefined && !this.watcher?.refused.has(published)) {
          await this.loadVersion(published);
          onProgress({ phase: 'done', recordsReceived: records.length, fraction: 1, modelVersion: published });
          return { version: published, degenerate: [], activated: true };
        }
      }
      this.trainingAbort = new AbortController();
      const sessionOpts = {
        sessionRegex: options.sessionRegex ?? this.opts.sessions.sessionRegex,
        sessionField: options.sessionField ?? this.opts.sessions.sessionField,
      };
      // A retrained model keeps the Drain settings (masks, threshold, …) of the model it replaces.
      const drain = runOptions.drain ?? this.runtime?.parts.miner.options;
      const trained = await runTraining(records, { ...runOptions, ...sessionOpts, ...(drain ? { drain } : {}) }, onProgress, {
        inWorker: this.opts.trainInWorker,
        signal: this.trainingAbort.signal,
      });
      onProgress({ phase: 'writing', recordsReceived: records.length, fraction: 0.95 });
      const degenerate = ((trained.meta.metrics as { degenerate?: string[] } | undefined)?.degenerate ?? []).slice();
      const activate = wanted === 'unless-degenerate' ? degenerate.length === 0 : (wanted ?? true);
      if (!(await stillHeld())) {
        throw new DetectorError('FAILED_PRECONDITION', `the training lease of ${this.store.location} was lost during training (it expired); the model was not published`);
      }
      const version = newVersionName();
      await this.exporter?.training(version, records);
      if (activate) this.watcher?.markServing(version); // loaded below, not by the watcher
      const written = await this.store.write(trained.files, trained.meta, { activate, version });
      if (activate) await this.loadVersion(written.version);
      onProgress({ phase: 'done', recordsReceived: records.length, fraction: 1, modelVersion: written.version });
      return { version: written.version, degenerate, activated: activate };
    });
  }
}
