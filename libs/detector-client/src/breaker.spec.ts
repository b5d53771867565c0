import { CircuitBreaker } from './breaker';

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, admits one trial after the reset time, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 1000, () => now);
    b.failure();
    b.failure();
    expect(b.tryAcquire()).toBe(true);
    b.success(); // success resets the count
    b.failure();
    b.failure();
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // one trial at a time
    b.failure(); // failed trial: open again
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.tryAcquire()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });
});
