/**
 * keys-workflow: train, load, detect and score `--format keys` sessions (one session per
 * line, space-separated integer log keys), shared by the `log-sentinel` CLI and the
 * benchmarks (apps/bench), reporting problems as the CLI's errors (libs/cli-kit).
 */
export { EPOCH_LABEL, epochNote, type Progress } from './progress';
export { evalMetrics, type EvalMetrics } from './metrics';
export { MAX_KEY, parseKeySessions, readKeySessions } from './sessions-file';
export { KEY_FIELD, keyRecords, SESSION_IFOREST_FILE, trainKeys, type TrainKeysOptions, type TrainKeysResult } from './train-keys';
export { loadKeysModels, type KeysModels } from './keys-model';
export { detectKeySessions, type KeyFinding, type KeysDetection } from './detect-keys';
export { parseTemplatesCsv, readTemplatesFile, trainKeysLogAnomaly } from './loganomaly-keys';
