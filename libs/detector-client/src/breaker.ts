/** A consecutive-failure circuit breaker: closed → open (for `resetMs`) → half-open (one trial). */

/** Breaker state. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Circuit breaker guarding calls to one dependency. */
export class CircuitBreaker {
  private failures = 0;
  private openedAtMs = 0;
  private trialInFlight = false;
  private current: BreakerState = 'closed';

  /** `failureThreshold` consecutive failures open it; after `resetMs` one trial call is let through. */
  constructor(
    private readonly failureThreshold: number,
    private readonly resetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Current state (an open breaker past its reset time reports half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAtMs >= this.resetMs) return 'half-open';
    return this.current;
  }

  /** Whether a call may go out now; a half-open breaker admits one trial at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a successful call: closes the breaker. */
  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.current = 'closed';
  }

  /** Records a failed call: opens the breaker at the threshold, or again after a failed trial. */
  failure(): void {
    this.failures++;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (wasTrial || this.failures >= this.failureThreshold) {
      this.current = 'open';
      this.openedAtMs = this.now();
    }
  }
}
