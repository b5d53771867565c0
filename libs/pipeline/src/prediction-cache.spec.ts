import { PredictionCache, windowCacheKey } from './prediction-cache';

describe('prediction cache', () => {
  const probs = Float32Array.from([0.3, 0.05, 0.4, 0.1, 0.15]);
  it('caches by window key and clears when full', () => {
    const c = new PredictionCache(2);
    const p = { probs };
    c.set(windowCacheKey([1, 2]), p);
    expect(c.get('1,2')).toBe(p);
    expect(c.get('2')).toBeUndefined();
    c.set('a', p);
    c.set('b', p); // full → cleared first
    expect(c.size).toBe(1);
    expect(c.hits).toBe(1);
    expect(c.misses).toBe(1);
  });
});
