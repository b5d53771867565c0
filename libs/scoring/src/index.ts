/**
 * scoring: the collector's one scoring stage — intake spool → detector (once per record,
 * session-hash routing by the client) → scored spool and local sinks; the hold while the
 * detector is unreachable, the pending spool and its dry-run re-score, and closed-session
 * verdicts. It runs in a worker thread by default (`thread/`: the main thread serves the
 * spools, the worker scores).
 */
export { ScoringStage, type ScoringStageOptions, type ScoringStageParts, type StageMetrics, type CountMetric } from './stage';
export { OutputWriter, type StageOutput } from './output';
export { PendingRescorer, type PendingRescorerOptions } from './pending-rescorer';
export { SessionVerdictSpooler, type SpoolAppender } from './session-verdicts';
export type { RecordScorer } from './scorer';
export type { IntakeSource } from './intake-source';
export { ScoringThreadHost, type ScoringThreadHostParts } from './thread/host';
export { HostLink } from './thread/remote';
export type { StageStatus } from './thread/protocol';
export { lowerThreadPriority, threadNiceValues } from './thread/priority';
