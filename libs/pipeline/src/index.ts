/**
 * pipeline: the detector's per-record pipeline (Drain → session state → DeepLog → Isolation
 * Forest → verdict), its training, model loading and hot reload, shared by the gRPC
 * detector and the CLI's `train/detect --format raw|ndjson`.
 */
export { DetectorError, toDetectorError, type DetectorErrorCode } from './errors';
export type { DetectRecord, DetectVerdict, DeepLogView, IForestView, ExpectedKey, VerdictStatus } from './record';
export { SessionStore, type SessionStoreOptions, type SessionState, type SessionStoreStats } from './session-store';
export { MicroBatcher, type MicroBatcherOptions, type MicroBatcherStats } from './micro-batcher';
export { compileSessionKey, type SessionKeyOptions } from './session-key';
export { validateRecords, type RequestLimits } from './limits';
export { RegistryWatcher, type VersionLoader } from './registry-watcher';
export { silentLogger, type EngineLogger } from './engine-logger';
export type {
  DetectorEngineApi,
  FeedbackOutcome,
  ModelInfoView,
  TrainPhase,
  TrainProgressEvent,
  TrainRunOptions,
} from './engine-types';
