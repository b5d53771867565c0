import { SeededRandom } from './index';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new SeededRandom(123);
    const b = new SeededRandom(123);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it('log-normal median is close to the requested median', () => {
    const r = new SeededRandom(5);
    const v = Array.from({ length: 5001 }, () => r.logNormal(45, 0.5)).sort((x, y) => x - y);
    expect(v[2500]).toBeGreaterThan(40);
    expect(v[2500]).toBeLessThan(50);
  });

  it('rejects a non-integer seed and an empty pick', () => {
    expect(() => new SeededRandom(0.5)).toThrow(RangeError);
    expect(() => new SeededRandom(1).pick([])).toThrow(/empty/);
  });

  it('shuffles in place into a permutation, the same one for the same seed', () => {
    const a = new SeededRandom(7).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    const b = new SeededRandom(7).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    expect([...a]).toEqual([...b]);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...a]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const u = new SeededRandom(8).uniform(2, 3);
    expect(u).toBeGreaterThanOrEqual(2);
    expect(u).toBeLessThan(3);
  });
});
