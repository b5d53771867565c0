import { codeOf } from './error-code.spec-helper';
import { IsolationForest, rocAuc, Xoshiro128 } from './index';

/** Gaussian blob of inliers plus uniformly scattered planted outliers, labels 1 = outlier. */
function plantedData(seed: number, nIn: number, nOut: number, dims: number): { X: number[][]; y: number[] } {
  const rng = new Xoshiro128(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < nIn; i++) {
    X.push(Array.from({ length: dims }, gauss));
    y.push(0);
  }
  for (let i = 0; i < nOut; i++) {
    X.push(Array.from({ length: dims }, () => (rng.nextDouble() * 2 - 1) * 6));
    y.push(1);
  }
  return { X, y };
}

describe('IsolationForest', () => {
  it('ranks planted outliers first (AUC ≥ 0.95)', () => {
    const { X, y } = plantedData(1, 2000, 100, 5);
    const f = IsolationForest.fit(X, { seed: 3 });
    const auc = rocAuc(f.scoreSamples(X), y);
    expect(auc).toBeGreaterThanOrEqual(0.95);
  });

  it('finds outliers on held-out data, with contamination setting the flagged share', () => {
    const train = plantedData(2, 3000, 150, 4);
    const test = plantedData(4, 1000, 50, 4);
    const f = IsolationForest.fit(train.X, { seed: 11, contamination: 0.05 });
    expect(rocAuc(f.scoreSamples(test.X), test.y)).toBeGreaterThanOrEqual(0.95);
    const flagged = f.predict(train.X).reduce((a, b) => a + b, 0);
    expect(flagged).toBeGreaterThanOrEqual(0.045 * train.X.length);
    expect(flagged).toBeLessThanOrEqual(0.055 * train.X.length);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { X } = plantedData(5, 500, 20, 3);
    const a = IsolationForest.fit(X, { seed: 99 });
    const b = IsolationForest.fit(X, { seed: 99 });
    const c = IsolationForest.fit(X, { seed: 100 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(Array.from(a.scoreSamples(X))).toEqual(Array.from(b.scoreSamples(X)));
    expect(Array.from(a.scoreSamples(X))).not.toEqual(Array.from(c.scoreSamples(X)));
  });

  it('round-trips through JSON text with identical scores and threshold', () => {
    const { X } = plantedData(6, 800, 40, 6);
    const f = IsolationForest.fit(X, { seed: 1, contamination: 0.1 });
    const g = IsolationForest.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    expect(g.threshold).toBe(f.threshold);
    expect(g.nEstimators).toBe(100);
    expect(Array.from(g.scoreSamples(X))).toEqual(Array.from(f.scoreSamples(X)));
    expect(IsolationForest.fromJSON(JSON.stringify(f.toJSON())).threshold).toBe(f.threshold);
  });

  it('uses ψ = min(256, n), depth limit ceil(log2 ψ), 100 trees, threshold 0.5 for contamination auto', () => {
    const small = IsolationForest.fit(plantedData(7, 100, 0, 2).X);
    expect(small.samplesPerTree).toBe(100);
    expect(small.maxDepth).toBe(7);
    expect(small.nEstimators).toBe(100);
    expect(small.threshold).toBe(0.5);
    const big = IsolationForest.fit(plantedData(7, 1000, 0, 2).X);
    expect(big.samplesPerTree).toBe(256);
    expect(big.maxDepth).toBe(8);
  });

  it('scores in (0, 1]; number[] rows and Float64Array rows agree', () => {
    const { X } = plantedData(8, 300, 10, 3);
    const f = IsolationForest.fit(X, { seed: 2 });
    const s1 = f.scoreSamples(X);
    const s2 = f.scoreSamples(X.map((r) => Float64Array.from(r)));
    expect(Array.from(s2)).toEqual(Array.from(s1));
    for (const v of s1) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(f.scoreOne(X[3])).toBe(s1[3]);
  });

  it('never splits on constant features (attribution goes to the varying one)', () => {
    const rng = new Xoshiro128(3);
    const X = Array.from({ length: 500 }, () => [5, rng.nextDouble(), 5]);
    const f = IsolationForest.fit(X, { seed: 1 });
    for (const t of f.trees) for (const feat of t.feature) expect([-1, 1]).toContain(feat);
    const attr = f.featureAttribution([5, 10, 5]);
    expect(attr[1]).toBeCloseTo(1, 12);
  });

  it('degenerate data scores 0.5 like scikit-learn: identical rows, a single row', () => {
    const same = IsolationForest.fit(Array.from({ length: 50 }, () => [1, 2, 3]), { seed: 1 });
    // Every tree is one leaf of ψ samples: h = c(ψ), so the score is 2^−1 (up to rounding of the sum).
    for (const v of same.scoreSamples([[1, 2, 3], [9, 9, 9]])) expect(v).toBeCloseTo(0.5, 14);
    const one = IsolationForest.fit([[4, 5]]);
    expect(one.samplesPerTree).toBe(1);
    expect(one.maxDepth).toBe(1);
    expect(one.scoreOne([0, 0])).toBe(0.5);
  });

  it('training-max threshold leaves every training row an inlier', () => {
    const { X } = plantedData(9, 400, 0, 3);
    const f = IsolationForest.fit(X, { seed: 1, threshold: { kind: 'training-max' } });
    expect(f.predict(X).every((v) => v === 0)).toBe(true);
    expect(f.scoreOne([50, 50, 50])).toBeGreaterThanOrEqual(f.threshold);
  });

  it('rejects bad input with stable codes', () => {
    const X = [
      [1, 2],
      [3, 4],
    ];
    expect(codeOf(() => IsolationForest.fit([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => IsolationForest.fit([[], []]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => IsolationForest.fit([[1, NaN]]))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => IsolationForest.fit([[1, Infinity]]))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => IsolationForest.fit([[1, 2], [3]]))).toBe('FEATURE_COUNT_MISMATCH');
    const f = IsolationForest.fit(X);
    expect(codeOf(() => f.scoreSamples([[1, 2, 3]]))).toBe('FEATURE_COUNT_MISMATCH');
    expect(codeOf(() => f.scoreSamples([[1, -Infinity]]))).toBe('NON_FINITE_VALUE');
    expect(f.scoreSamples([]).length).toBe(0);
    expect(codeOf(() => IsolationForest.fit(X, { nEstimators: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => IsolationForest.fit(X, { maxSamples: 1.5 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => IsolationForest.fit(X, { contamination: 0.7 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => IsolationForest.fromJSON({ format: 'x' }))).toBe('INVALID_MODEL');
    expect(codeOf(() => IsolationForest.fromJSON('{not json'))).toBe('INVALID_MODEL');
    const json = f.toJSON() as { formatVersion: number; trees: { feature: number[] }[] };
    expect(codeOf(() => IsolationForest.fromJSON({ ...json, formatVersion: 2 }))).toBe('INVALID_MODEL');
    const broken = JSON.parse(JSON.stringify(json)) as typeof json;
    broken.trees[0].feature.pop();
    expect(codeOf(() => IsolationForest.fromJSON(broken))).toBe('INVALID_MODEL');
  });
});
