export { describeViolation, INVARIANTS_DEFAULTS, InvariantsModel } from './invariants';
export type { Invariant, InvariantsJson, InvariantsOptions, LogKey, Violation } from './invariants';
