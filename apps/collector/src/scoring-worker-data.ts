/** What the collector hands its scoring worker thread (structured-cloned: plain data only), and the pending spool both threads open from it. */
import type { ScoringStageOptions } from '@log-sentinel/scoring';
import type { Spool } from '@log-sentinel/spool';
import type { Logger } from 'pino';
import type { CollectorConfig } from './config';
import { openCollectorSpool, type CollectorSpoolSettings } from './spool-budget';

/** The worker's settings, from the collector's config. */
export interface ScoringWorkerData {
  /** pino level of the worker's logger (its lines are logged again by the main thread). */
  logLevel: string;
  /** Nice value the worker gives its own thread (0 = unchanged). */
  nice: number;
  /** The detector client's settings; undefined = no scoring. */
  detector: CollectorConfig['detector'];
  /** The pending spool (with a detector). */
  pendingSpool: CollectorSpoolSettings;
  /** The stage's options. */
  stage: ScoringStageOptions;
  /** False when there is no scored spool (the stage then only feeds the local sinks). */
  hasScored: boolean;
}

/** Opens the pending spool (on whichever thread runs the stage) and warns when it recovered from a crash. */
export async function openPendingSpool(opts: CollectorSpoolSettings, log: Logger): Promise<Spool> {
  const pending = await openCollectorSpool(opts);
  const r = pending.recovery;
  if (r.tornRecords || r.corruptRecords || r.skippedRegions) log.warn({ spool: r, dir: opts.dir }, 'pending spool recovered after a crash');
  return pending;
}
