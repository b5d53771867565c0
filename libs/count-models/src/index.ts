export { describeViolation, INVARIANTS_DEFAULTS, InvariantsModel } from './invariants';
export type { Invariant, InvariantsJson, InvariantsOptions, LogKey, Violation } from './invariants';
export { PCA_DEFAULTS, PcaModel, qThreshold } from './pca';
export type { PcaJson, PcaOptions, PcaScore } from './pca';
