/**
 * SPOOL_MAX_BYTES is one budget for the collector's three spools (intake, scored, pending):
 * the scored spool may use all of it; intake and pending refuse appends past the budget less
 * a reserve of one segment and two scoring steps, so the scoring stage always has room to
 * move a whole intake segment (with its verdicts) into the scored spool and free it.
 */
import { Spool, createSpoolBudget, type SpoolBudgetSlot } from '@log-sentinel/spool';
import type { CollectorConfig } from './config';

/** Slots of the shared budget. */
const SLOTS = { intake: 0, scored: 1, pending: 2 } as const;

/** Bytes one scoring step reads from the intake spool at most (a step is appended whole to the scored spool). */
export function stepBytes(maxBytes: number): number {
  return Math.min(4 << 20, Math.floor(maxBytes / 8));
}

/** Bytes kept free for the scored spool: one segment plus two steps. */
export function reserveBytes(maxBytes: number, segmentBytes: number): number {
  return segmentBytes + 2 * stepBytes(maxBytes);
}

/** The budget's slot for each spool, with its limit. */
export function spoolBudget(maxBytes: number, segmentBytes: number, shared: SharedArrayBuffer = createSpoolBudget(3)): Record<keyof typeof SLOTS, SpoolBudgetSlot> {
  const refuseAt = maxBytes - reserveBytes(maxBytes, segmentBytes);
  return {
    intake: { shared, slot: SLOTS.intake, limitBytes: refuseAt },
    scored: { shared, slot: SLOTS.scored, limitBytes: maxBytes },
    pending: { shared, slot: SLOTS.pending, limitBytes: refuseAt },
  };
}

/** Settings of one of the collector's spools: the collector's spool settings, its own directory, its slot in the shared budget. */
export type CollectorSpoolSettings = CollectorConfig['spool'] & { budget: SpoolBudgetSlot };

/** Opens one of the collector's spools (intake, scored or pending; on whichever thread uses it). */
export function openCollectorSpool(s: CollectorSpoolSettings): Promise<Spool> {
  return Spool.open({ dir: s.dir, maxTotalBytes: s.maxBytes, segmentMaxBytes: s.segmentBytes, segmentMaxAgeMs: s.segmentMaxAgeMs, fullRetryAfterMs: 1000, budget: s.budget });
}
