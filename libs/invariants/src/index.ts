export { describeViolation, INVARIANTS_DEFAULTS, InvariantsModel } from './invariants';
export type { Invariant, InvariantsJson, InvariantsOptions, Violation } from './invariants';
