export { describeViolation, INVARIANTS_DEFAULTS, InvariantsModel } from './invariants';
export type { Invariant, InvariantsJson, InvariantsOptions, LogKey, Violation } from './invariants';
export { PCA_DEFAULTS, PcaModel, qThreshold } from './pca';
export type { PcaJson, PcaOptions, PcaScore } from './pca';
export { CountRangeModel, describeOutOfRange } from './count-range';
export type { CountRangeJson, OutOfRange } from './count-range';
