/**
 * One size bound shared by several spools, possibly in several threads (the collector's
 * intake and scored spools on the main thread, its pending spool in the scoring worker).
 * Each spool has a slot in a `SharedArrayBuffer` holding its bytes on disk plus bytes being
 * written; an append first adds its size to its own slot, then reads the sum of all slots,
 * and takes the size back out when the sum passes that spool's limit. Because every append
 * reserves before it checks, two appends racing in two threads cannot both pass on stale
 * sums: the bound holds across threads without a lock. The counters never count less than
 * the files hold: a reservation (the payload plus a segment header) is released only after
 * its bytes were added as written, so for a moment a round counts twice (a refusal may come
 * a little early, never late).
 */

/** A spool's place in a shared budget. */
export interface SpoolBudgetSlot {
  /** The shared counters (one 64-bit slot per spool). */
  shared: SharedArrayBuffer;
  /** This spool's slot. */
  slot: number;
  /** Bytes all the budget's spools may hold together before this spool refuses an append. */
  limitBytes: number;
}

/** Creates the shared counters of a budget for `spools` spools. */
export function createSpoolBudget(spools: number): SharedArrayBuffer {
  return new SharedArrayBuffer(8 * spools);
}

/** Bytes every spool of the budget holds now (the sum of the slots). */
export function budgetUsedBytes(shared: SharedArrayBuffer): number {
  const slots = new BigInt64Array(shared);
  let sum = 0n;
  for (let i = 0; i < slots.length; i++) sum += Atomics.load(slots, i);
  return Number(sum);
}

/** The counting side of one spool's slot. */
export class BudgetCounter {
  private readonly slots: BigInt64Array;

  /** `budget` undefined = no shared bound (every method is then a no-op). */
  constructor(private readonly budget: SpoolBudgetSlot | undefined) {
    this.slots = new BigInt64Array(budget?.shared ?? new SharedArrayBuffer(8));
  }

  /** Adds `bytes` (negative: takes them out) to this spool's slot. */
  add(bytes: number): void {
    if (this.budget && bytes !== 0) Atomics.add(this.slots, this.budget.slot, BigInt(bytes));
  }

  /** Reserves `bytes`: true when the budget's sum stays within this spool's limit, else nothing is reserved. */
  reserve(bytes: number): boolean {
    if (!this.budget) return true;
    this.add(bytes);
    if (budgetUsedBytes(this.budget.shared) <= this.budget.limitBytes) return true;
    this.add(-bytes);
    return false;
  }

  /** True when `extraBytes` more would pass this spool's limit now. */
  wouldExceed(extraBytes: number): boolean {
    return !!this.budget && budgetUsedBytes(this.budget.shared) + extraBytes > this.budget.limitBytes;
  }

  /** The budget's sum and this spool's limit (for messages). */
  describe(): string {
    return this.budget ? `; the spools sharing its budget hold ${budgetUsedBytes(this.budget.shared)} of ${this.budget.limitBytes} bytes` : '';
  }
}
