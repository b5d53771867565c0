import { SeededRandom } from '@log-sentinel/seeded-random';
import { bootstrapF1, resampleCount, scaledF1, spread } from './f1-interval';
import { estimateFullScale } from './full-scale';

const flags = (flagged: number, n: number): boolean[] => Array.from({ length: n }, (_, i) => i < flagged);

describe('bootstrapF1', () => {
  it('computes the same scaled F1 as the benchmark estimate', () => {
    const a = flags(16_000, 16_838), n = flags(5, 3366);
    expect(scaledF1(16_000, 16_838, 5, 3366, 553_366)).toBeCloseTo(estimateFullScale(a, n).f1, 3);
  });

  it('brackets the point estimate, is reproducible for a seed, and widens with fewer normal sessions', () => {
    const a = flags(16_000, 16_838), n = flags(5, 3366);
    const point = estimateFullScale(a, n).f1;
    const ci = bootstrapF1(a, n, { replicates: 500, seed: 3 });
    expect(ci.low).toBeLessThan(point);
    expect(ci.high).toBeGreaterThan(point);
    expect(bootstrapF1(a, n, { replicates: 500, seed: 3 })).toEqual(ci);
    // five false alarms in 3,366: the FP rate is known to within about ±0.1 %, which moves F1 by a few points
    expect(ci.high - ci.low).toBeGreaterThan(0.01);
    expect(ci.high - ci.low).toBeLessThan(0.08);
    // the same rates on a tenth of the normal sessions: a wider interval
    const small = bootstrapF1(a, flags(1, 673), { replicates: 500, seed: 3 });
    expect(small.high - small.low).toBeGreaterThan(ci.high - ci.low);
  });

  it('is a point when no verdict varies (no false alarm, every anomaly caught)', () => {
    expect(bootstrapF1(flags(100, 100), flags(0, 50), { replicates: 100 })).toEqual({ low: 1, high: 1 });
    expect(() => bootstrapF1([], [], { replicates: 1 })).toThrow(/replicates/);
  });
});

describe('spread', () => {
  it('reports mean, sample sd, min and max', () => {
    expect(spread([0.9, 0.95, 1])).toEqual({ mean: 0.95, sd: 0.05, min: 0.9, max: 1 });
    expect(spread([0.5])).toEqual({ mean: 0.5, sd: 0, min: 0.5, max: 0.5 });
    expect(() => spread([])).toThrow(/no values/);
  });
});

describe('resampleCount', () => {
  it('draws a binomial count with the right mean and spread, at both ends of p', () => {
    const rng = new SeededRandom(7);
    for (const [k, n] of [[5, 3366], [16_000, 16_838], [0, 10], [10, 10]] as const) {
      const xs = Array.from({ length: 4000 }, () => resampleCount(k, n, rng));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      const p = k / n;
      expect(mean).toBeCloseTo(k, k > 100 ? -1 : 0);
      expect(Math.abs(variance - n * p * (1 - p))).toBeLessThanOrEqual(0.1 * n * p * (1 - p) + 1e-9);
    }
  });
});
