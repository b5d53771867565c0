/**
 * Sessions the session store closed by itself (idle past the TTL, or evicted by a cap):
 * judged in batches by the serving model, their verdicts held — bounded — until a client
 * collects them (`CloseSessions` streams them to the collector).
 */
import type { EngineLogger } from './engine-logger';
import type { ModelRuntime } from './model-runtime';
import type { SessionVerdictView } from './record';
import { judgeSessions, type ClosingSession } from './session-close';
import type { SessionDropReason, SessionState } from './session-store';

/** Most closed-session verdicts kept for clients to collect. */
export const MAX_CLOSED_OUTBOX = 100_000;

/** Dropped sessions judged at once when this many are waiting (else on the engine's sweep). */
const JUDGE_BATCH = 1000;

/** The queue of dropped sessions and the bounded outbox of their verdicts. */
export class ClosedSessionOutbox {
  /** Sessions the store dropped by itself, waiting to be judged. */
  private dropped: ClosingSession[] = [];
  /** Verdicts waiting to be handed out, oldest first. */
  private outbox: SessionVerdictView[] = [];
  /** Verdicts discarded because nobody collected them (outbox full). */
  private discarded = 0;
  private judging: Promise<void> = Promise.resolve();

  /**
   * @param runtime the model serving now (undefined while learning: nothing is judged)
   * @param closed whether the engine is shutting down (nothing more is judged)
   */
  constructor(
    private readonly runtime: () => ModelRuntime | undefined,
    private readonly closed: () => boolean,
    private readonly log: EngineLogger,
  ) {}

  /** The session store's `onDrop`: queues a session that saw records. */
  onDropped(id: string, state: SessionState, why: SessionDropReason): void {
    if (state.records === 0) return;
    this.dropped.push({ id, state, status: why });
    if (this.dropped.length >= JUDGE_BATCH) this.judgeDropped();
  }

  /** Judges the sessions dropped so far and queues their verdicts (one judging run at a time). */
  judgeDropped(): void {
    if (this.dropped.length === 0) return;
    const batch = this.dropped;
    this.dropped = [];
    this.judging = this.judging.then(async () => {
      const rt = this.runtime();
      if (!rt || this.closed()) return;
      rt.acquire();
      try {
        const verdicts = await judgeSessions(rt, batch);
        for (const v of verdicts) this.outbox.push(v);
        const over = this.outbox.length - MAX_CLOSED_OUTBOX;
        if (over > 0) {
          this.outbox.splice(0, over);
          this.discarded += over;
          this.log.warn({ discarded: over }, 'closed-session verdicts discarded: no client collected them');
        }
      } catch (err) {
        this.log.error({ err, sessions: batch.length }, 'judging closed sessions failed; their verdicts are lost');
      } finally {
        rt.releaseCall();
      }
    });
  }

  /** Hands out (once) up to `max` verdicts, oldest first. */
  take(max: number): SessionVerdictView[] {
    return this.outbox.splice(0, max);
  }

  /** Verdicts waiting, and discarded because the outbox was full. */
  stats(): { waiting: number; discarded: number } {
    return { waiting: this.outbox.length, discarded: this.discarded };
  }

  /** Resolves when the judging run in progress (if any) is over. */
  settled(): Promise<void> {
    return this.judging.catch(() => undefined);
  }
}
