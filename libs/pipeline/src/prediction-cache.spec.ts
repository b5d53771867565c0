import { PredictionCache, rankOf, topIndices, windowCacheKey } from './prediction-cache';

describe('prediction helpers', () => {
  const probs = Float32Array.from([0.3, 0.05, 0.4, 0.1, 0.15]);
  it('lists the g most probable keys, most probable first, without the padding index', () => {
    expect(Array.from(topIndices(probs, 3, 0))).toEqual([2, 4, 3]);
    expect(Array.from(topIndices(probs, 3, -1))).toEqual([2, 0, 4]);
  });
  it('ranks the actual key and sums the mass ranked above it', () => {
    expect(rankOf(probs, 2)).toEqual({ rank: 1, massAbove: 0 });
    const r = rankOf(probs, 3);
    expect(r.rank).toBe(4);
    expect(r.massAbove).toBeCloseTo(0.85, 5);
  });
  it('caches by window key and clears when full', () => {
    const c = new PredictionCache(2);
    const p = { probs, top: new Int32Array([2]) };
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
