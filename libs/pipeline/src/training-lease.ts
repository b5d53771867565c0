/**
 * Runs a training or feedback round under the model store's training lease, so exactly one
 * detector trains and publishes for a store at a time: taken before the round, renewed every
 * TTL/3 while it runs, checked once more just before the version is published, released at
 * the end. A lease held by another detector is a {@link LeaseHeldError}.
 */
import type { ModelStore, TrainingLease } from '@log-sentinel/model-registry';
import type { EngineLogger } from './engine-logger';
import { DetectorError } from './errors';

/** Who this detector is and how long its lease lasts without renewal. */
export interface LeaseSettings {
  /** Holder id written into the lease (DETECTOR_ID). */
  holder: string;
  /** Lease time to live; renewed every third of it. */
  ttlMs: number;
}

/** Another detector holds the store's training lease. */
export class LeaseHeldError extends DetectorError {
  constructor(
    readonly holder: string,
    readonly expiresAtMs: number,
    where: string,
  ) {
    const until = Number.isFinite(expiresAtMs) ? ` until ${new Date(expiresAtMs).toISOString()}` : '';
    super('FAILED_PRECONDITION', `detector ${holder} holds the training lease of ${where}${until}: it trains and publishes the next version, which every detector then loads`);
    this.name = 'LeaseHeldError';
  }
}

interface Held {
  lease: TrainingLease;
  rounds: number;
  lost: boolean;
  timer: NodeJS.Timeout;
}

/**
 * The training lease of one detector for one store. Rounds of the same detector (a training
 * run and a feedback round) share one lease: taken by the first, released after the last.
 */
export class LeaseKeeper {
  private held: Held | undefined;
  private taking: Promise<Held> | undefined;

  constructor(
    private readonly store: ModelStore,
    private readonly settings: LeaseSettings,
    private readonly log: EngineLogger,
  ) {}

  /** Runs `round` under the lease; `stillHeld()` renews it and says whether it is still ours (call it right before publishing). */
  async run<T>(round: (stillHeld: () => Promise<boolean>) => Promise<T>): Promise<T> {
    const held = await this.take();
    held.rounds++;
    try {
      return await round(async () => {
        if (held.lost) return false;
        try {
          if (!(await held.lease.renew())) held.lost = true;
        } catch (err) {
          throw new DetectorError('UNAVAILABLE', `cannot confirm the training lease of ${this.store.location} before publishing: ${(err as Error).message}`, { cause: err });
        }
        return !held.lost;
      });
    } finally {
      if (--held.rounds === 0 && this.held === held) {
        this.held = undefined;
        clearInterval(held.timer);
        await held.lease.release();
      }
    }
  }

  private async take(): Promise<Held> {
    if (this.held && !this.held.lost) return this.held;
    this.taking ??= this.acquire().finally(() => (this.taking = undefined));
    return this.taking;
  }

  private async acquire(): Promise<Held> {
    const got = await this.store.acquireLease(this.settings.holder, this.settings.ttlMs);
    if (!got.ok) throw new LeaseHeldError(got.holder, got.expiresAtMs, this.store.location);
    const held: Held = { lease: got.lease, rounds: 0, lost: false, timer: setInterval(() => void this.renew(held), Math.max(50, Math.floor(this.settings.ttlMs / 3))) };
    held.timer.unref();
    this.held = held;
    return held;
  }

  private async renew(held: Held): Promise<void> {
    if (held.lost) return;
    try {
      if (!(await held.lease.renew())) {
        held.lost = true;
        this.log.error({ store: this.store.location, holder: this.settings.holder }, 'training lease lost (it expired and another detector took it): this round will not publish');
      }
    } catch (err) {
      // unreachable store: keep going; the check before publishing decides
      this.log.warn({ err, store: this.store.location }, 'training lease renewal failed; retrying');
    }
  }
}
