import { SeededRandom } from '@log-sentinel/seeded-random';
import { explainValue, judgeValue, MIN_ERROR_STD, zOfConfidence, type KeyValueModel } from './value-model';
import { trainValueModels } from './value-train';
import { chooseDims, fitNormalisation, normalise, parseQuantity, rawVector, scaleValue, type ValueRecord } from './value-vectors';

/** Latencies around 80 ms (log-normal, σ 0.3), the time between records around 2 s. */
function latencyRecords(n: number, seed: number): ValueRecord[] {
  const rnd = new SeededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
  return Array.from({ length: n }, () => ({ key: 'took', params: [String(Math.round(80 * Math.exp(0.3 * gauss())))], elapsedMs: Math.round(2000 * Math.exp(0.2 * gauss())) }));
}

describe('parameter value vectors', () => {
  it('reads quantities with units and refuses words and ids', () => {
    expect(parseQuantity('97ms')).toBe(97);
    expect(parseQuantity('90 ms')).toBe(90);
    expect(parseQuantity('47.09')).toBe(47.09);
    expect(parseQuantity('-3')).toBe(-3);
    expect(parseQuantity('user1488')).toBeUndefined();
    expect(parseQuantity('****8161')).toBeUndefined();
    expect(parseQuantity('1234567890123456789')).toBeUndefined();
  });

  it('keeps numeric positions that vary, and the elapsed time', () => {
    const recs: ValueRecord[] = [
      { key: 'k', params: ['a1', '200', '10ms'], elapsedMs: 5 },
      { key: 'k', params: ['a2', '200', '30ms'], elapsedMs: 7 },
      { key: 'k', params: ['a3', '200', '20ms'], elapsedMs: undefined },
    ];
    const { dims, paramCount } = chooseDims(recs);
    expect(paramCount).toBe(3);
    expect(dims).toEqual([{ kind: 'param', position: 3 }, { kind: 'elapsed' }]); // 200 is constant, a1… are words
    expect(Array.from(rawVector(dims, paramCount, recs[2]!))).toEqual([20, NaN]);
    expect(Array.from(rawVector(dims, paramCount, { params: ['x'], elapsedMs: 1 }))).toEqual([NaN, 1]); // another parameter count
    expect(Array.from(rawVector(dims, paramCount, { params: ['a', '1', '5ms'], elapsedMs: -56000 }))).toEqual([5, NaN]); // time running backwards: missing
  });

  it('normalises with the training mean and standard deviation of the log-scaled values', () => {
    const raw = [Float64Array.of(10, NaN), Float64Array.of(100, 3), Float64Array.of(1000, 3)];
    const norm = fitNormalisation(raw, 2);
    const logs = [10, 100, 1000].map((x) => scaleValue(x));
    expect(norm.scale).toEqual(['log', 'log']); // 10, 100, 1000: symmetric on the log scale
    const m = logs.reduce((a, b) => a + b) / 3;
    expect(norm.mean[0]).toBeCloseTo(m, 6);
    expect(norm.std[0]).toBeCloseTo(Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / 3), 6);
    expect(norm.std[1]).toBe(1); // constant: no spread to divide by
    const n = raw.map((v) => normalise(v, norm)[0]!);
    expect(n.reduce((a, b) => a + b)).toBeCloseTo(0, 5);
    expect(Number.isNaN(normalise(raw[0]!, norm)[1])).toBe(true);
    // a uniform count is symmetric as it is: the linear scale
    const uniform = fitNormalisation(Array.from({ length: 100 }, (_, i) => Float64Array.of(10 + 50 * i)), 1);
    expect(uniform.scale).toEqual(['linear']);
    expect(uniform.mean[0]).toBeCloseTo(10 + 50 * 49.5, 6);
  });
});

describe('Gaussian threshold', () => {
  it('z of a two-sided confidence', () => {
    expect(zOfConfidence(0.95)).toBeCloseTo(1.96, 2);
    expect(zOfConfidence(0.999)).toBeCloseTo(3.29, 2);
    expect(zOfConfidence(0.9999)).toBeCloseTo(3.89, 2);
    expect(() => zOfConfidence(1)).toThrow(/confidence/);
  });

  it('flags the component whose error is beyond z standard deviations and names it', () => {
    const m: KeyValueModel = {
      key: 'k', file: 'values-0.onnx', dims: [{ kind: 'param', position: 2 }, { kind: 'elapsed' }], paramCount: 2, scale: ['log', 'log'],
      mean: [Math.log1p(80), Math.log1p(1000)], std: [0.3, 0.5], errorMean: [0, 0.1], errorStd: [1, 0.01],
      training: { records: 100, trainWindows: 80, validationWindows: 20, epochs: 1, bestEpoch: 1, trainLoss: 0, validationLoss: 0 },
    };
    const pred = Float32Array.of(0, 0);
    expect(judgeValue(m, 3, Float32Array.of(2.5, 0.1), pred)).toEqual({ isAnomaly: false, dim: 0, zScore: 2.5 });
    const far = judgeValue(m, 3, Float32Array.of(3.5, NaN), pred);
    expect(far.isAnomaly).toBe(true);
    expect(far.dim).toBe(0);
    // the error std floor: 0.01 < MIN_ERROR_STD, so 0.1 + 0.1 off is 2 floors away, not 10 stds
    expect(judgeValue(m, 3, Float32Array.of(0, 0.2), pred).zScore).toBeCloseTo(0.1 / MIN_ERROR_STD, 4);
    expect(explainValue(m, 3, 0, 9120, pred, 0, 'Took <*> <*> ms')).toMatch(/^parameter 2 of "Took <\*> <\*> ms" = 9120, expected 80 \([\d.]+–[\d.]+\)$/);
  });
});

describe('trainValueModels', () => {
  it('learns a key, flags an abnormal value naming the parameter, and leaves keys with too few records or no numbers without a model', async () => {
    const records: ValueRecord[] = [
      ...latencyRecords(400, 3),
      ...Array.from({ length: 20 }, (_, i) => ({ key: 'rare', params: [String(i * 7)], elapsedMs: 1000 + i })),
      ...Array.from({ length: 100 }, (_, i) => ({ key: 'words', params: [`user${i}`], elapsedMs: undefined })),
    ];
    const set = await trainValueModels(records, { seed: 2, epochs: 15 });
    expect(set.json.models.map((m) => m.key)).toEqual(['took']);
    expect(set.json.skipped).toEqual(
      expect.arrayContaining([
        { key: 'rare', records: 20, reason: 'too_few_records' },
        { key: 'words', records: 100, reason: 'no_numeric_parameters' },
      ]),
    );
    const m = set.model('took')!;
    expect(m.dims).toEqual([{ kind: 'param', position: 1 }, { kind: 'elapsed' }]);
    expect(set.json.calibration!.levels.length).toBeGreaterThan(1);
    expect(set.json.z).toBeGreaterThan(2.5);
    // its own training records: (almost) none flagged; a 9120 ms latency is
    const history: Float32Array[] = [];
    let flagged = 0;
    const window = set.json.window;
    const judge = (r: ValueRecord) => {
      const v = set.vector('took', r)!;
      const input = new Float32Array(window * 2);
      const n = Math.min(window, history.length);
      history.slice(-n).forEach((h, i) => input.set(h.map((x) => (Number.isNaN(x) ? 0 : x)), (window - n + i) * 2));
      const pred = set.predict('took', input, 1);
      history.push(v.norm);
      return { d: judgeValue(m, set.z, v.norm, pred), pred };
    };
    for (const r of records.filter((x) => x.key === 'took')) if (judge(r).d.isAnomaly) flagged++;
    expect(flagged).toBeLessThanOrEqual(2);
    const bad = judge({ key: 'took', params: ['9120'], elapsedMs: 2000 });
    expect(bad.d.isAnomaly).toBe(true);
    expect(bad.d.dim).toBe(0);
    expect(explainValue(m, set.z, bad.d.dim, 9120, bad.pred, 0, 'Took <*> ms')).toMatch(/^parameter 1 of "Took <\*> ms" = 9120, expected [6-9]\d(\.\d)? \([\d.]+–[\d.]+\)$/);
    const slow = judge({ key: 'took', params: ['80'], elapsedMs: 60_000 });
    expect(slow.d.isAnomaly).toBe(true);
    expect(slow.d.dim).toBe(1);
  });

  it('refuses bad options', async () => {
    await expect(trainValueModels([], { confidence: 1.5 })).rejects.toThrow(/confidence/);
    await expect(trainValueModels([], { window: 0 })).rejects.toThrow(/window/);
  });
});
