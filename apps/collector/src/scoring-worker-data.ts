/** What the collector hands its scoring worker thread (structured-cloned: plain data only). */
import type { ScoringStageOptions } from '@log-sentinel/scoring';
import type { SpoolBudgetSlot } from '@log-sentinel/spool';
import type { CollectorConfig } from './config';

/** The worker's settings, from the collector's config. */
export interface ScoringWorkerData {
  /** pino level of the worker's logger (its lines are logged again by the main thread). */
  logLevel: string;
  /** Nice value the worker gives its own thread (0 = unchanged). */
  nice: number;
  /** The detector client's settings; undefined = no scoring. */
  detector: CollectorConfig['detector'];
  /** The pending spool (with a detector). */
  pendingSpool: { dir: string; maxBytes: number; segmentBytes: number; segmentMaxAgeMs: number; budget: SpoolBudgetSlot };
  /** The stage's options. */
  stage: ScoringStageOptions;
  /** False when there is no scored spool (the stage then only feeds the local sinks). */
  hasScored: boolean;
}
