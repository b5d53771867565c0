import { percentile, thresholdFromRule } from './index';
import { nextUp } from './threshold';

describe('thresholds', () => {
  it('percentile interpolates linearly like numpy (values computed by hand)', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 90)).toBeCloseTo(3.7, 12); // pos 2.7 → 3 + 0.7
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });

  it('contamination f takes the 100(1 − f) percentile; auto is 0.5; training-max sits just above the maximum', () => {
    const scores = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 0.95];
    // 100·(1 − 0.1) = 90th percentile: pos 9 → 0.9
    expect(thresholdFromRule({ kind: 'contamination', fraction: 0.1 }, scores)).toBeCloseTo(0.9, 12);
    expect(thresholdFromRule({ kind: 'auto' }, scores)).toBe(0.5);
    const tmax = thresholdFromRule({ kind: 'training-max' }, scores);
    expect(tmax).toBeGreaterThan(0.95);
    expect(tmax).toBe(nextUp(0.95));
    expect(thresholdFromRule({ kind: 'training-max', margin: 0.01 }, scores)).toBeCloseTo(0.96, 12);
    expect(thresholdFromRule({ kind: 'fixed', value: 0.61 }, scores)).toBe(0.61);
  });
});
