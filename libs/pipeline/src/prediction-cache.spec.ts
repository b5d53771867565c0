import { PredictionCache, windowCacheKey } from './prediction-cache';

describe('prediction cache', () => {
  const probs = Float32Array.from([0.3, 0.05, 0.4, 0.1, 0.15]);
  it('caches by window key and evicts the least recently used window when full', () => {
    const c = new PredictionCache(2);
    const p = { probs };
    c.set(windowCacheKey([1, 2]), p);
    expect(c.get('1,2')).toBe(p);
    expect(c.get('2')).toBeUndefined();
    c.set('a', p);
    expect(c.get('1,2')).toBe(p); // '1,2' is now more recent than 'a'
    c.set('b', p); // full → 'a' goes, the others stay
    expect(c.size).toBe(2);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('1,2')).toBe(p);
    expect(c.get('b')).toBe(p);
    expect(c.hits).toBe(4);
    expect(c.misses).toBe(2);
  });
});
