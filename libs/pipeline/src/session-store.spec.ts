import { SessionStore, type SessionStoreOptions } from './session-store';

/** A store (1 MiB, window 10) on a clock the test moves with `clock.now = ms`. */
function storeOnClock(opts: Omit<SessionStoreOptions, 'maxBytes' | 'nowMs'>): { s: SessionStore; clock: { now: number } } {
  const clock = { now: 0 };
  return { s: new SessionStore({ maxBytes: 1 << 20, nowMs: () => clock.now, ...opts }, 10), clock };
}

describe('SessionStore', () => {
  it('evicts the least recently used session beyond maxSessions (to a 1 s granularity)', () => {
    const { s, clock } = storeOnClock({ maxSessions: 2, ttlMs: 10_000 });
    s.touch('a').keys.push(1);
    s.touch('b');
    clock.now = 1000;
    s.touch('a'); // a is now most recent
    s.touch('c');
    expect(s.peek('a')?.keys).toEqual([1]);
    expect(s.peek('b')).toBeUndefined();
    expect(s.stats()).toMatchObject({ sessions: 2, evictedLru: 1 });
  });

  it('drops sessions idle longer than the TTL, on touch and on sweep', () => {
    const { s, clock } = storeOnClock({ maxSessions: 10, ttlMs: 100 });
    s.touch('a').keys.push(7);
    s.touch('b');
    clock.now = 150;
    expect(s.touch('a').keys).toEqual([]); // expired: a fresh session
    expect(s.sweep()).toBe(1); // b
    expect(s.size).toBe(1);
    expect(s.stats().expiredTtl).toBe(2);
  });

  it('keeps the estimated memory under maxBytes', () => {
    const s = new SessionStore({ maxSessions: 1_000_000, ttlMs: 1e9, maxBytes: 50_000, nowMs: () => 0 }, 10);
    for (let i = 0; i < 10_000; i++) s.touch(`session-${i}`);
    expect(s.stats().bytes).toBeLessThanOrEqual(50_000);
    expect(s.size).toBeGreaterThan(100);
    expect(s.size).toBeLessThan(10_000);
    expect(s.peek('session-9999')).toBeDefined();
  });

  it('reports each session it drops by itself to onDrop: idle past the TTL, evicted by a cap; never a taken one', () => {
    const dropped: string[] = [];
    const { s, clock } = storeOnClock({ maxSessions: 2, ttlMs: 100, onDrop: (id, _st, why) => dropped.push(`${id}:${why}`) });
    s.touch('a');
    s.touch('b');
    s.touch('c'); // count cap: a is the least recently used
    expect(s.take('b')).toBeDefined();
    clock.now = 150;
    s.touch('c'); // idle past the TTL: dropped, then a fresh session
    s.touch('d');
    clock.now = 300;
    expect(s.sweep()).toBe(2);
    expect(dropped).toEqual(['a:evicted', 'c:idle', 'c:idle', 'd:idle']);
    expect(s.stats()).toMatchObject({ sessions: 0, bytes: 0, evictedLru: 1, expiredTtl: 3 });
  });

  it('rejects nonsensical limits', () => {
    expect(() => new SessionStore({ maxSessions: 0, ttlMs: 1, maxBytes: 1 }, 10)).toThrow(/maxSessions/);
  });
});
