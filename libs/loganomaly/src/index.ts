/**
 * loganomaly: LogAnomaly (Meng et al., IJCAI'19): template semantics learnt from the
 * templates' own words (LSA word vectors, TF-IDF weighted template vectors; an unseen
 * template maps to its nearest known one when similar enough), the sequential + quantitative
 * pattern of a window into one LSTM, or one LSTM per pattern as the paper (libs/deeplog's engine and ONNX graph), top-g chosen on
 * held-out training sessions. Pure: callers read and write the files.
 */
export { LogAnomalyError, type LogAnomalyErrorCode } from './errors';
export { TemplateSemantics, templateWords, SEMANTICS_DEFAULTS, type KeyTemplate, type SemanticsOptions, type SemanticsJson, type TemplateMatch } from './semantics';
export { WindowEncoder, PAD } from './windows';
export { LogAnomalyModel, chooseTopG, netShape, LOGANOMALY_ARCHITECTURES, LOGANOMALY_FILES, LOGANOMALY_FORMAT, LOGANOMALY_ONNX, type LogAnomalyArchitecture, type LogAnomalyJson, type TopGCalibration, type TopGRule } from './model';
export { scoreSessions, rankSessions, classRank, KeyResolver, UNEXPECTED_KEY, UNSEEN_TEMPLATE, type LogAnomalyVerdict, type ResolvedKey, type SessionRanks, type UnseenKey, type WindowScorer } from './scoring';
export { trainLogAnomaly, LOGANOMALY_DEFAULTS, type LogAnomalyTrainOptions } from './train';
export { LogAnomalyDetector } from './detector';
