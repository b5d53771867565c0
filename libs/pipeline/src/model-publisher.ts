/**
 * Publishing new model versions from this detector: a training run or a feedback round,
 * under the store's training lease, written as a new version and (when activated) served
 * here at once. One run at a time is the engine's concern; the lease keeps several
 * detectors sharing a store from publishing over each other.
 */
import type { DrainOptions } from '@log-sentinel/drain';
import { newVersionName, type ModelFile, type ModelMeta, type ModelStore } from '@log-sentinel/model-registry';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError } from './errors';
import type { DetectRecord } from './record';
import type { RegistryWatcher } from './registry-watcher';
import type { StoreExporter } from './store-export';
import type { LeaseKeeper } from './training-lease';
import { runTraining } from './training-runner';

/** Options of one training run: the run options, whether to activate the result, and whether it is the first model. */
export type PublishTrainingOptions = Omit<TrainRunOptions, 'activate'> & { activate?: boolean | 'unless-degenerate'; firstModel?: boolean };

/** What a training run published. */
export interface PublishedTraining {
  /** The version written (or the one another detector published first). */
  version: string;
  /** Why the learning data was degenerate ([] = it was not). */
  degenerate: string[];
  /** Whether the version serves now. */
  activated: boolean;
}

/** What a {@link ModelPublisher} works with. */
export interface ModelPublisherDeps {
  /** Where versions are written. */
  store: ModelStore;
  /** The store's training lease: one detector publishes at a time. */
  lease: LeaseKeeper;
  /** Exports the training records of a version (S3 stores only). */
  exporter: StoreExporter | undefined;
  /** The registry watcher, told which version this process serves (and which were refused). */
  watcher: RegistryWatcher | undefined;
  /** Loads a version and serves it (the engine's loadVersion). */
  loadVersion(version: string): Promise<void>;
  /** Drain settings of the model serving now: a retrained model keeps them (masks, threshold, …). */
  servingDrain(): DrainOptions | undefined;
  /** Session extraction used when a run names none. */
  sessions: { sessionRegex?: string | undefined; sessionField?: string | undefined };
  /** Train in a worker thread (default: when running compiled code). */
  trainInWorker?: boolean | undefined;
}

/** Trains and writes versions under the lease; serves what it activates. */
export class ModelPublisher {
  private abortRun: AbortController | undefined;

  constructor(private readonly deps: ModelPublisherDeps) {}

  /** Trains a version from `records` and writes it; activates it as `options.activate` says. */
  train(records: DetectRecord[], options: PublishTrainingOptions, onProgress: (p: TrainProgressEvent) => void): Promise<PublishedTraining> {
    const { store, lease, exporter, watcher } = this.deps;
    return lease.run(async (stillHeld) => {
      const { activate: wanted, firstModel, ...runOptions } = options;
      if (firstModel) {
        // another detector may have published the first model since this one started learning
        const published = await store.current();
        if (published !== undefined && !watcher?.refused.has(published)) {
          await this.deps.loadVersion(published);
          onProgress({ phase: 'done', recordsReceived: records.length, fraction: 1, modelVersion: published });
          return { version: published, degenerate: [], activated: true };
        }
      }
      this.abortRun = new AbortController();
      const sessionOpts = {
        sessionRegex: options.sessionRegex ?? this.deps.sessions.sessionRegex,
        sessionField: options.sessionField ?? this.deps.sessions.sessionField,
      };
      const drain = runOptions.drain ?? this.deps.servingDrain();
      const trained = await runTraining(records, { ...runOptions, ...sessionOpts, ...(drain ? { drain } : {}) }, onProgress, {
        inWorker: this.deps.trainInWorker,
        signal: this.abortRun.signal,
      });
      onProgress({ phase: 'writing', recordsReceived: records.length, fraction: 0.95 });
      const degenerate = ((trained.meta.metrics as { degenerate?: string[] } | undefined)?.degenerate ?? []).slice();
      const activate = wanted === 'unless-degenerate' ? degenerate.length === 0 : (wanted ?? true);
      if (!(await stillHeld())) {
        throw new DetectorError('FAILED_PRECONDITION', `the training lease of ${store.location} was lost during training (it expired); the model was not published`);
      }
      const version = newVersionName();
      await exporter?.training(version, records);
      if (activate) watcher?.markServing(version); // loaded below, not by the watcher
      const written = await store.write(trained.files, trained.meta, { activate, version });
      if (activate) await this.deps.loadVersion(written.version);
      onProgress({ phase: 'done', recordsReceived: records.length, fraction: 1, modelVersion: written.version });
      return { version: written.version, degenerate, activated: activate };
    });
  }

  /** Writes a feedback round's model (fine-tuned DeepLog weights + feedback sets) as a new version and serves it. */
  publishFeedback(files: ModelFile[], meta: ModelMeta): Promise<string> {
    const { store, lease, watcher } = this.deps;
    const version = newVersionName();
    return lease.run(async (stillHeld) => {
      if (!(await stillHeld())) throw new DetectorError('FAILED_PRECONDITION', 'the training lease was lost; the feedback was not published');
      watcher?.markServing(version); // this process loads it below; the watcher need not
      const written = await store.write(files, meta, { activate: true, version });
      await this.deps.loadVersion(written.version);
      return written.version;
    });
  }

  /** Aborts the training run in progress (shutdown). */
  abort(): void {
    this.abortRun?.abort();
  }
}
