/** Inputs and outputs of the detector engine's Train, Feedback and GetModel operations. */
import type { DrainOptions } from '@log-sentinel/drain';
import type { LogAnomalyArchitecture } from '@log-sentinel/loganomaly';

/** Options of one training run (TrainOptions on the wire; 0/'' mean "default"). */
export interface TrainRunOptions {
  /** Header format of raw lines (logparser syntax); '' when messages are already content. */
  logFormat?: string;
  /** Session regex for this training data. */
  sessionRegex?: string;
  /** Session label for this training data. */
  sessionField?: string;
  /** Label holding a pre-parsed event id: those ids are the log keys and Drain is skipped. */
  keyField?: string;
  /** DeepLog window h. */
  window?: number;
  /** DeepLog top-g. */
  topG?: number;
  /** Maximum DeepLog epochs. */
  maxEpochs?: number;
  /** DeepLog seed (default: libs/deeplog's). */
  seed?: number;
  /** DeepLog training threads (default: libs/deeplog's). */
  threads?: number;
  /** DeepLog accept probability of the decision rule (default: libs/deeplog's; 0 = pure top-g). */
  acceptProbability?: number;
  /** DeepLog key floor factor (default: libs/deeplog's; 0 = no key floor). */
  keyFloorFactor?: number;
  /** Highest workflow check threshold (default: the pipeline trainer's WORKFLOW_MAX_THRESHOLD; 0 = no workflow check). */
  workflowThreshold?: number;
  /** Share of the training sessions a mined count invariant must hold in (default: the pipeline trainer's INVARIANTS_MIN_SUPPORT; 0 = no invariants). */
  invariantsSupport?: number;
  /** Also fit PCA on the sessions' template counts (a baseline, off by default; see docs/deeplog.md). */
  pca?: boolean;
  /** Also train LogAnomaly on the sessions, with Drain's templates as their meaning (off by default; see docs/loganomaly.md). */
  loganomaly?: boolean;
  /** LogAnomaly's network: 'one' LSTM on the concatenated patterns or the paper's 'two' (default: libs/loganomaly's, 'one'); only with `loganomaly`. */
  loganomalyArchitecture?: LogAnomalyArchitecture;
  /** The count-range check on whole sessions (default: the pipeline trainer's COUNT_RANGE_DEFAULT). */
  countRange?: boolean;
  /**
   * Confidence of the parameter-value model's interval (two-sided, in (0, 1)); undefined =
   * chosen on held-out training vectors (libs/deeplog `trainValueModels`), 0 = no value models.
   */
  valueConfidence?: number;
  /** Wall-time budget of DeepLog training, ms (the best epoch so far is kept; default none). */
  timeBudgetMs?: number;
  /**
   * The records are a cut of a live stream (the detector's own learning), not whole sessions:
   * sessions still open at its end are left out of DeepLog, the workflow and the count models.
   */
  liveCut?: boolean;
  /** Make the new version current (default true). */
  activate?: boolean;
  /** Drain settings (masks, threshold, …; default: the generic defaults); stored in the model's drain.json. */
  drain?: Partial<DrainOptions>;
}

/** Phases reported while training. */
export type TrainPhase = 'receiving' | 'parsing' | 'training_deeplog' | 'training_iforest' | 'writing' | 'done';

/** A progress event of a training run. */
export interface TrainProgressEvent {
  /** Current phase. */
  phase: TrainPhase;
  /** Records received so far. */
  recordsReceived: number;
  /** DeepLog epoch (1-based) when training it. */
  epoch?: number;
  /** Planned maximum epochs. */
  epochs?: number;
  /** Training loss of the last epoch. */
  loss?: number;
  /** Validation loss of the last epoch. */
  validationLoss?: number;
  /** 0..1 over the whole run. */
  fraction: number;
  /** Set when done: the version written. */
  modelVersion?: string;
  /** Free text. */
  message?: string;
}

/** Result of a Feedback call. */
export interface FeedbackOutcome {
  /** Records accepted. */
  accepted: number;
  /** Templates that became normal. */
  templateIds: string[];
  /** DeepLog windows fine-tuned on. */
  windowsLearned: number;
  /** Serving model version afterwards. */
  modelVersion: string;
}

/** What GetModel reports. */
export interface ModelInfoView {
  /** Serving version ('' while learning). */
  version: string;
  /** 'scored' | 'learning' | 'training'. */
  status: string;
  /** Creation time of the serving version (ms), if any. */
  createdMs?: number;
  /** Drain templates known. */
  templates: number;
  /** DeepLog vocabulary size. */
  vocabulary: number;
  /** DeepLog window. */
  window: number;
  /** DeepLog top-g. */
  topG: number;
  /** Records collected so far in learning mode. */
  learningRecords: number;
  /** Records needed before the first model. */
  learningTarget: number;
  /** manifest.json of the serving version. */
  manifestJson: string;
  /** Problems an operator must know about (e.g. degenerate learning data); [] when none. */
  warnings: string[];
}

/** What a transport (gRPC server, CLI) needs from the detector engine. */
export interface DetectorEngineApi {
  /** Scores records; one verdict per record, in order. `dryRun` = do not learn from them; `explain` = per-model views on every verdict. */
  detect(records: import('./record').DetectRecord[], opts?: { dryRun?: boolean; explain?: boolean }): Promise<import('./record').DetectVerdict[]>;
  /** Trains a new model version from streamed record batches, reporting progress. */
  train(
    batches: AsyncIterable<import('./record').DetectRecord[]>,
    options: TrainRunOptions,
    onProgress: (p: TrainProgressEvent) => void,
  ): Promise<{ version: string }>;
  /** Closes sessions (end-of-session check + what their records showed); one verdict per id, in order. `dryRun` keeps them open. */
  closeSessions(ids: string[], opts?: { dryRun?: boolean }): Promise<import('./record').SessionVerdictView[]>;
  /** Verdicts of sessions the engine closed by itself (idle timeout, eviction) not yet handed out; each is handed out once. */
  takeClosedSessions(max?: number): import('./record').SessionVerdictView[];
  /** Marks records normal (templates, key transitions; DeepLog fine-tune). */
  feedback(records: import('./record').DetectRecord[], note?: string): Promise<FeedbackOutcome>;
  /** Describes the serving model. */
  modelInfo(): ModelInfoView;
  /** Stops background work (watcher, training) and releases model sessions. */
  close(): Promise<void>;
}
