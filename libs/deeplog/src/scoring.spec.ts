import { massAbove, rankOf, topIndices } from './scoring';

describe('scoring helpers (one implementation for every DeepLog path)', () => {
  const probs = Float32Array.from([0.05, 0.1, 0.4, 0.15, 0.3]);

  it('ranks the actual key among the row (1 = most probable) and sums the mass above it', () => {
    expect(rankOf(probs, 0, 5, 2)).toBe(1);
    expect(rankOf(probs, 0, 5, 3)).toBe(3);
    expect(massAbove(probs, 0, 5, 3)).toBeCloseTo(0.7, 6);
    expect(massAbove(probs, 0, 5, 2)).toBe(0);
  });

  it('selects the g most probable indices, most probable first, skipping the excluded one', () => {
    expect(topIndices(probs, 0, 5, 3, 0)).toEqual([2, 4, 3]);
    expect(topIndices(probs, 0, 5, 3, 2)).toEqual([4, 3, 1]);
    expect(topIndices(probs, 0, 5, 9)).toEqual([2, 4, 3, 1, 0]);
    expect(topIndices(probs, 0, 5, 0)).toEqual([]);
  });

  it('breaks ties by the lower index and reads rows at an offset', () => {
    const rows = Float32Array.from([9, 9, 9, 0.2, 0.2, 0.6]);
    expect(topIndices(rows, 3, 3, 2)).toEqual([2, 0]);
    expect(topIndices(Float32Array.from([0.2, 0.2, 0.2]), 0, 3, 2)).toEqual([0, 1]);
    expect(rankOf(rows, 3, 3, 1)).toBe(2);
  });
});
