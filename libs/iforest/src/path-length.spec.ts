import { anomalyScore, averagePathLength, EULER_GAMMA, harmonicApprox, IsolationForest } from './index';

describe('c(n) and the score formula (scikit-learn definitions, values computed by hand)', () => {
  it('c(0) = c(1) = 0, c(2) = 1', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
  });

  it('H(i) ≈ ln(i) + 0.5772156649 and c(n) = 2H(n−1) − 2(n−1)/n', () => {
    expect(EULER_GAMMA).toBeCloseTo(0.5772156649, 10);
    expect(harmonicApprox(1)).toBeCloseTo(0.5772156649, 10);
    // c(3) = 2(ln 2 + γ) − 4/3 = 2(0.6931471806 + 0.5772156649) − 1.3333333333 = 1.2073923576
    expect(averagePathLength(3)).toBeCloseTo(1.2073923576, 9);
    // c(4) = 2(ln 3 + γ) − 1.5 = 2(1.0986122887 + 0.5772156649) − 1.5
    expect(averagePathLength(4)).toBeCloseTo(1.8516559072, 9);
    // c(256) = 2(ln 255 + γ) − 2·255/256 (= 10.24477092012)
    expect(averagePathLength(256)).toBeCloseTo(10.2447709201, 9);
  });

  it('score = 2^(−E[h]/c(ψ)); ψ = 1 gives 0.5 like scikit-learn', () => {
    expect(anomalyScore(averagePathLength(256), 256)).toBeCloseTo(0.5, 12);
    expect(anomalyScore(0, 256)).toBe(1);
    expect(anomalyScore(3, 1)).toBe(0.5);
  });

  it('a forest on [[0],[0],[0],[1]] scores by hand: h(1) = 1, h(0) = 1 + c(3)', () => {
    // Every tree splits the root between 0 and 1; the left child {0,0,0} is constant, so a leaf.
    const f = IsolationForest.fit([[0], [0], [0], [1]], { nEstimators: 10, seed: 7 });
    expect(f.samplesPerTree).toBe(4);
    expect(f.maxDepth).toBe(2);
    const [s0, s1] = f.scoreSamples([[0], [1]]);
    const c4 = 1.8516559072;
    expect(s1).toBeCloseTo(Math.pow(2, -1 / c4), 9);
    expect(s0).toBeCloseTo(Math.pow(2, -(1 + 1.2073923576) / c4), 9);
    expect(Array.from(f.meanPathLengths([[0], [1], [5], [-5]]))).toEqual([
      expect.closeTo(2.2073923576, 9),
      1,
      1,
      expect.closeTo(2.2073923576, 9),
    ]);
  });

  it('a hand-written serialized tree scores as the formula says (depth limit leaf adds c(n))', () => {
    // Root: x0 ≤ 0.5 → leaf of 1 sample; else x1 ≤ 2 → leaf of 5 samples at depth 2 (limit), else leaf of 2.
    const json = {
      format: 'log-sentinel.iforest',
      formatVersion: 1,
      nFeatures: 2,
      samplesPerTree: 8,
      maxDepth: 3,
      seed: 1,
      thresholdRule: { kind: 'auto' },
      threshold: 0.5,
      trees: [{ feature: [0, -1, 1, -1, -1], value: [0.5, 1, 2, 5, 2] }],
    };
    const f = IsolationForest.fromJSON(json);
    const c8 = 2 * (Math.log(7) + 0.5772156649015329) - (2 * 7) / 8;
    const c5 = 2 * (Math.log(4) + 0.5772156649015329) - (2 * 4) / 5;
    const s = f.scoreSamples([
      [0, 9],
      [1, 1],
      [1, 3],
    ]);
    expect(s[0]).toBeCloseTo(Math.pow(2, -1 / c8), 12);
    expect(s[1]).toBeCloseTo(Math.pow(2, -(2 + c5) / c8), 12);
    expect(s[2]).toBeCloseTo(Math.pow(2, -(2 + 1) / c8), 12);
  });
});
