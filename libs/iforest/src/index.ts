/** iforest: Isolation Forest (scikit-learn compatible scores), session count and per-record feature models. */
export { IsolationForestError, type IsolationForestErrorCode } from './errors';
export { type Matrix, type FlatMatrix, flattenMatrix } from './matrix';
export { Xoshiro128 } from './random';
export { EULER_GAMMA, harmonicApprox, averagePathLength, anomalyScore } from './path-length';
export { type ThresholdRule, percentile, thresholdFromRule } from './threshold';
export { type CompactTree } from './tree-builder';
export { FOREST_FORMAT, FOREST_FORMAT_VERSION } from './forest-json';
export {
  IsolationForest,
  type IsolationForestOptions,
  DEFAULT_SEED,
  MAX_SAMPLES_LIMIT,
} from './isolation-forest';
export {
  SessionCountModel,
  type SessionCountModelOptions,
  type SessionScore,
  SESSION_MODEL_FORMAT,
} from './session-count-model';
export {
  type RecordObservation,
  RECORD_FEATURE_NAMES,
  type RecordFeatureName,
  MAX_PARAM_Z,
  levelSeverity,
  numericParam,
} from './record-features';
export {
  RecordFeatureModel,
  type RecordFeatureModelOptions,
  type RecordScore,
  RECORD_MODEL_FORMAT,
} from './record-feature-model';
export { rocAuc } from './metrics';
