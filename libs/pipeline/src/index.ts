/**
 * pipeline: the detector's per-record pipeline (Drain → session state → DeepLog → Isolation
 * Forest → verdict), its training, model loading and hot reload, shared by the gRPC
 * detector and the CLI's `train/detect --format raw|ndjson`.
 */
export { DetectorError, toDetectorError, type DetectorErrorCode } from './errors';
export type {
  DetectRecord, DetectVerdict, DeepLogView, IForestView, ExpectedKey, VerdictStatus, ExplanationView, ExpectedTemplateView, SessionVerdictView, SessionCloseStatus,
} from './record';
export { SessionStore, type SessionStoreOptions, type SessionState, type SessionStoreStats } from './session-store';
export { MicroBatcher, type MicroBatcherOptions, type MicroBatcherStats } from './micro-batcher';
export { compileSessionKey, type SessionKeyOptions } from './session-key';
export { MAX_SESSION_ID_LENGTH, validateRecords, type RequestLimits } from './limits';
export { RegistryWatcher, type CurrentReader, type VersionLoader } from './registry-watcher';
export { LeaseHeldError, LeaseKeeper, type LeaseSettings } from './training-lease';
export { StoreExporter, type ExportSettings } from './store-export';
export { silentLogger, type EngineLogger } from './engine-logger';
export type {
  DetectorEngineApi,
  FeedbackOutcome,
  ModelInfoView,
  TrainPhase,
  TrainProgressEvent,
  TrainRunOptions,
} from './engine-types';
export { DetectorEngine, type DetectorEngineOptions } from './engine';
export { ModelRuntime, type ModelRuntimeParts, type NextKeyPredictor, type KeyVocabulary } from './model-runtime';
export { buildRuntime } from './model-loader';
export { scoreBatch, calibrateDeepLog, calibrateIForest, EXPLAIN_EXPECTED, EXPLAIN_RECENT, type ScoreContext } from './scorer';
export { definedOnly } from './train-stages';
export { trainModelFiles, preprocessFor, degenerateReasons, MAX_TRAIN_SESSION_KEYS, TOP_G_MAX_MISS_RATE, type TrainedModel } from './trainer';
export { calibrateTopG, type TopGCalibration } from './top-g';
export { workflowsView, type WorkflowView, type WorkflowEdgeView } from './workflow-view';
export { expectedAfter } from './workflow-explain';
export { Preprocessor, defaultPreprocess, type PreprocessSettings, type PreparedRecord } from './preprocess';
export { stripCommonHeader, type StrippedHeader } from './default-header';
export { deriveSessionId } from './default-session';
export { COUNT_OUT_OF_RANGE, INVARIANT_VIOLATED, judgeSessions, PCA_SPE, MISSING_STEP, type ClosingSession } from './session-close';
export { runTraining } from './training-runner';
export { MODEL_FILES, REQUIRED_FILES, PIPELINE_FORMAT, parsePipelineSettings, type PipelineSettings } from './model-format';
export { emptyFeedback, feedbackFromJson, feedbackToJson, FEEDBACK_FILE, type FeedbackState } from './feedback-state';
export { PredictionCache, type WindowPrediction } from './prediction-cache';
export {
  readOfflineRecords,
  trainOffline,
  detectOffline,
  type OfflineInputOptions,
  type OfflineRecord,
  type OfflineVerdictLine,
} from './offline';
