import { SeededRandom } from '@log-sentinel/seeded-random';
import { PcaModel, qThreshold } from './pca';

/** Normal sessions: 0–3 replicas of receive → ack → store (equal counts), plus 0–2 heartbeats. */
function sessions(count: number, seed: number): string[][] {
  const rnd = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const n = Math.floor(rnd.next() * 4);
    const s: string[] = ['open'];
    for (let i = 0; i < n; i++) s.push('receive', 'ack', 'store');
    for (let i = Math.floor(rnd.next() * 3); i > 0; i--) s.push('heartbeat');
    return s;
  });
}

describe('qThreshold', () => {
  it('matches the chi-square quantile when the residual eigenvalues are equal', () => {
    // SPE / λ ~ χ²(10); its 95 % quantile is 18.307
    expect(qThreshold(new Array<number>(10).fill(1), 1.645)).toBeCloseTo(18.3, 0);
    expect(qThreshold(new Array<number>(10).fill(2), 1.645)).toBeCloseTo(36.6, 0);
    expect(qThreshold([], 3)).toBe(0);
  });
});

describe('PcaModel', () => {
  const train = sessions(400, 1);

  it('keeps the components that hold 95 % of the variance and passes normal sessions', () => {
    // receive = ack = store exactly: residual eigenvalues of rounding noise must not make the threshold ~0
    const m = PcaModel.fit(train);
    expect(m.components).toBeGreaterThanOrEqual(1);
    expect(m.components).toBeLessThan(m.keys.length);
    const flagged = sessions(400, 2).filter((s) => m.scoreSequence(s).isAnomaly).length;
    expect(flagged).toBeLessThanOrEqual(4); // ≤ 1 % of held-out normal sessions
  });

  it('flags a session whose counts leave the normal subspace', () => {
    const m = PcaModel.fit(train);
    const lost = ['open', 'receive', 'ack', 'store', 'receive', 'receive', 'receive', 'store'];
    const s = m.scoreSequence(lost);
    expect(s.isAnomaly).toBe(true);
    expect(s.spe).toBeGreaterThan(s.threshold);
    // without weighting too
    const raw = PcaModel.fit(train, { weighting: 'none' });
    expect(raw.scoreSequence(lost).isAnomaly).toBe(true);
    expect(sessions(400, 3).filter((x) => raw.scoreSequence(x).isAnomaly).length).toBeLessThanOrEqual(4);
    // keys never seen in training carry no weight
    expect(m.scoreSequence(['open', 'receive', 'ack', 'store', 'mystery']).spe).toBeCloseTo(m.scoreSequence(['open', 'receive', 'ack', 'store']).spe);
  });

  it('with TF-IDF, does not see an anomaly that lies only in the count of a key every training session holds', () => {
    // 'open' is in every training session: idf log(n/n) = 0, so five opens weigh what one does
    const m = PcaModel.fit(train);
    const repeated = ['open', 'open', 'open', 'open', 'open'];
    expect(m.scoreSequence(repeated).spe).toBeCloseTo(m.scoreSequence(['open']).spe);
    expect(m.scoreSequence(repeated).isAnomaly).toBe(false);
    // raw counts see it (docs/benchmarks.md: HDFS blocks that stop after allocate + receive)
    expect(PcaModel.fit(train, { weighting: 'none' }).scoreSequence(repeated).isAnomaly).toBe(true);
  });

  it('round-trips through JSON and rejects malformed files', () => {
    const m = PcaModel.fit(train);
    const back = PcaModel.fromJSON(JSON.stringify(m.toJSON()));
    expect(back.scoreSequence(train[0]!)).toEqual(m.scoreSequence(train[0]!));
    expect(() => PcaModel.fromJSON('{"version":1}')).toThrow(/not a PCA model/);
    expect(() => PcaModel.fromJSON(JSON.stringify({ ...m.toJSON(), idf: [1] }))).toThrow(/one value per key/);
    const tiny = PcaModel.fromJSON(JSON.stringify(PcaModel.fit([['a']]).toJSON()));
    expect(tiny.scoreSequence(['a', 'a']).isAnomaly).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => PcaModel.fit(train, { variance: 1 })).toThrow(/variance/);
    expect(() => PcaModel.fit(train, { cAlpha: 0 })).toThrow(/cAlpha/);
  });
});
