/**
 * deeplog: the DeepLog log-key model (Du et al., CCS'17): windows of h keys → next key,
 * top-g rule, start padding + an end-of-session key (with a calibrated floor). Trained in
 * TypeScript (SIMD WebAssembly LSTM kernels, Adam, two threads), exported to a standard ONNX
 * model, run with onnxruntime-node. Pure: callers read and write the files.
 */
export { DeepLogError, type DeepLogErrorCode } from './errors';
export { Vocabulary, PAD_INDEX, END_INDEX, PAD_TOKEN, END_TOKEN, type LogKey } from './vocabulary';
export { buildWindows, paddedSession, type WindowSet } from './windows';
export { DeepLogModel, type ModelConfig } from './model';
export { parseModelJson, ONNX_INPUT, ONNX_OUTPUT, type DeepLogModelJson, type TrainingSummary } from './model-json';
export { exportOnnx, importOnnx, ONNX_OPSET } from './onnx-export';
export { trainDeepLog, keyProbabilities, lowerQuantile, TRAIN_DEFAULTS, type TrainOptions, type EpochProgress, type StopReason } from './trainer';
export { fineTuneDeepLog, extendVocabulary, type FineTuneOptions, type FineTuneData } from './fine-tune';
export { DeepLogDetector, DEFAULT_BATCH_SIZE, type NextKeyQuery, type DetectorOptions } from './detector';
export {
  indexSession, collectWindows, judgeSessions, judgeKey, decideKey, scoreIndexedSessions, explain, UNSEEN_INDEX,
  type KeyVerdict, type RankDecision, type SessionVerdict, type CollectedWindows, type DetectionRule,
} from './session-scoring';
export { type NetShape } from './params';
export { rankOf, massAbove, topIndices } from './scoring';
export { SeededRandom } from '@log-sentinel/seeded-random';

/** File names of a DeepLog model inside a model-registry version directory. */
export const DEEPLOG_FILES = { onnx: 'deeplog.onnx', json: 'deeplog.json' } as const;
export { Workflow, WORKFLOW_START, WORKFLOW_END, WORKFLOW_FORMAT, type WorkflowJson, type TransitionCheck } from './workflow';
export { SessionWorkflows, WORKFLOWS_FORMAT, type WorkflowsJson, type TypeWorkflow, type WorkflowEdge, type WorkflowSuccessor, type SessionWorkflowsOptions } from './session-workflows';
export { VALUE_ONNX_INPUT, VALUE_ONNX_OUTPUT } from './onnx-export';
export {
  ValueModelSet, judgeValue, explainValue, dimName, zOfConfidence, confidenceOfZ, parseValuesJson, PARAMETER_VALUE, VALUES_FILE, VALUES_FORMAT, MIN_ERROR_STD,
  type KeyValueModel, type SkippedKey, type ValuesJson, type ValueDecision,
} from './value-model';
export { trainValueModels, VALUE_Z_CANDIDATES, VALUE_TRAIN_DEFAULTS, type ValueTrainOptions } from './value-train';
export { ValueDetector } from './value-detector';
export { parseQuantity, chooseDims, rawVector, valueWindow, scaleValue, type ValueRecord, type ValueDim } from './value-vectors';
/** The LSTM training engine and forward pass, for models built on it (libs/loganomaly). */
export { trainWindows, type TrainingWindows, type LoopResult } from './trainer';
export { paramLayout, initParams, type ParamLayout } from './params';
export { predictWindows } from './lstm';
