/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportOnnx } from '@log-sentinel/deeplog';
import { LogAnomalyDetector } from './detector';
import { chooseTopG, LogAnomalyModel } from './model';
import { scoreSessions, UNEXPECTED_KEY, UNSEEN_TEMPLATE } from './scoring';
import { trainLogAnomaly } from './train';
import { WindowEncoder, PAD } from './windows';

const root = path.join(__dirname, '../../..');
const lines = (f: string): string[][] => fs.readFileSync(path.join(root, f), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
const templates = fs.readFileSync(path.join(root, 'testdata/loghub_2k/HDFS/HDFS_templates.csv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => ({ key: l.slice(1, l.indexOf(',')), text: l.slice(l.indexOf(',') + 1) }));

/**
 * Loads `model`'s files into a detector (onnxruntime) and checks it scores 50 abnormal HDFS
 * sessions as the TypeScript forward pass does, with the same parameters.
 */
async function expectOnnxEqualsTypeScript(model: LogAnomalyModel): Promise<void> {
  const det = await LogAnomalyDetector.load(model.toOnnx(), JSON.parse(JSON.stringify(model.json)));
  try {
    const sessions = lines('testdata/hdfs_deeplog/hdfs_test_abnormal').slice(0, 50);
    const ts = await scoreSessions(model, sessions, (x, n) => model.predict(x, n));
    expect(await det.score(sessions)).toEqual(ts);
    expect(det.model.params).toEqual(model.params);
  } finally {
    await det.release();
  }
}

describe('WindowEncoder', () => {
  it('puts the key vector then the running key counts / h at each step, zeros for padding', () => {
    const enc = new WindowEncoder(Float32Array.from([1, 2, 3, 4]), 2, 2, 3); // key 0 → (1,2), key 1 → (3,4)
    const out = new Float32Array(3 * enc.width);
    enc.encode(Int32Array.from([PAD, 1, 1]), 0, out, 0);
    const third = 1 / 3;
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 3, 4, 0, third, 3, 4, 0, 2 * third].map(Math.fround));
  });
});

describe('LogAnomaly on HDFS keys (small, 6 epochs: cross-entropy starts from log(width) and needs more than the 3 squared error did)', () => {
  let model: LogAnomalyModel;
  const train = lines('testdata/hdfs_deeplog/hdfs_train').slice(0, 400);
  beforeAll(async () => {
    model = await trainLogAnomaly(train, templates, { epochs: 6, threads: 1, seed: 7 });
  }, 120_000);

  it('chooses g on the held-out training sessions and records how', () => {
    const c = model.json.calibration;
    expect(c.validationSessions).toBeGreaterThan(0);
    expect(c.flagRateByG).toHaveLength(model.encoder.classes);
    expect(c.missRateByG).toHaveLength(model.encoder.classes);
    expect(c.validationTransitions).toBeGreaterThan(c.validationSessions);
    const curve = c.rule!.per === 'session' ? c.flagRateByG : c.missRateByG!;
    expect(curve[model.json.topG - 1]).toBeLessThanOrEqual(c.rule!.budget);
    if (model.json.topG > 1) expect(curve[model.json.topG - 2]).toBeGreaterThan(c.rule!.budget);
    // a transition is missed at g only inside a session flagged at g
    for (let g = 0; g < c.flagRateByG.length; g++) if (c.flagRateByG[g] === 0) expect(c.missRateByG![g]).toBe(0);
  });

  it('chooses g by either curve: the smallest g within the budget, every class when none is', () => {
    const curves = { flagRateByG: [0.5, 0.01, 0.004, 0], missRateByG: [0.1, 0.001, 0.0002, 0] };
    expect(chooseTopG(curves, { per: 'session', budget: 0.002 })).toBe(4);
    expect(chooseTopG(curves, { per: 'session', budget: 0.01 })).toBe(2);
    expect(chooseTopG(curves, { per: 'transition', budget: 0.001 })).toBe(2);
    expect(chooseTopG(curves, { per: 'transition', budget: 0.0001 })).toBe(4);
    expect(chooseTopG({ flagRateByG: [0.5, 0.2] }, { per: 'session', budget: 0.1 })).toBe(2);
    expect(() => chooseTopG({ flagRateByG: [0.5] }, { per: 'transition', budget: 0.1 })).toThrow(/per-transition/);
  });

  it('ONNX (onnxruntime) equals the TypeScript forward pass; files round-trip', async () => {
    await expectOnnxEqualsTypeScript(model);
  });

  it('flags a session whose order breaks the training sequences, not its normal original', async () => {
    const normal = train[0]!;
    const broken = [...normal].reverse();
    const [a, b] = await scoreSessions(model, [normal, broken], (x, n) => model.predict(x, n), { topG: 3 });
    expect(a!.isAnomaly).toBe(false);
    expect(b!.reasons).toContain(UNEXPECTED_KEY);
    expect(b!.maxRank).toBeGreaterThan(3);
  });

  it('maps an unseen key with a close template (E27 → E26) and flags a far one (E29)', async () => {
    const s = [...train[0]!];
    const [near, far, unknown] = await scoreSessions(model, [[...s.slice(0, 3), '27', ...s.slice(3)], [...s.slice(0, 3), '29', ...s.slice(3)], ['999']], (x, n) => model.predict(x, n));
    expect(near!.unseen).toEqual([expect.objectContaining({ position: 3, key: '27', mappedTo: '26' })]);
    expect(near!.reasons).not.toContain(UNSEEN_TEMPLATE);
    expect(far!.unseen).toEqual([expect.objectContaining({ key: '29', mappedTo: null })]);
    expect(far!.reasons).toContain(UNSEEN_TEMPLATE);
    expect(unknown!).toMatchObject({ isAnomaly: true, score: 1, unseen: [{ key: '999', mappedTo: null, nearest: null, similarity: 0 }] });
  });

  it('records the dense mode; a json without mode (written before it) loads as the value-mode graph; an unknown mode is refused', () => {
    expect(model.json.mode).toBe('dense');
    expect(model.layout.shape.mode).toBe('dense');
    const { mode: _mode, ...old } = model.json;
    const legacy = LogAnomalyModel.fromFiles(exportOnnx({ ...model.layout.shape, mode: 'values' }, model.json.window, model.params), { ...old, onnx: { input: 'values', output: 'prediction' } });
    expect(legacy.layout.shape.mode).toBe('values');
    expect(legacy.params).toEqual(model.params);
    expect(() => LogAnomalyModel.fromFiles(model.toOnnx(), { ...model.json, mode: 'softmax' })).toThrow(/mode must be "dense" or "values"/);
  });

  it('rejects bad input with named errors', async () => {
    await expect(trainLogAnomaly([], templates)).rejects.toThrow(/no sessions/);
    await expect(trainLogAnomaly([['5'], []], templates)).rejects.toThrow(/session 2 is empty/);
    await expect(trainLogAnomaly([['5', '777']], templates)).rejects.toThrow(/no template text for key\(s\) 777/);
    await expect(trainLogAnomaly([['5']], templates, { window: 0 })).rejects.toThrow(/window must be a positive integer/);
    await expect(trainLogAnomaly([['5']], templates, { architecture: 'three' as 'two' })).rejects.toThrow(/architecture must be 'one' or 'two' \(got "three"\)/);
    expect(() => LogAnomalyModel.fromFiles(model.toOnnx(), '{"format":"x"}')).toThrow(/not a log-sentinel.loganomaly/);
    expect(() => LogAnomalyModel.fromFiles(Uint8Array.from([1, 2, 3]), model.json)).toThrow(/loganomaly.onnx/);
  });
});

describe("LogAnomaly with the paper's two LSTMs (architecture 'two': semantic vectors and count vectors each through their own stack)", () => {
  let one: LogAnomalyModel;
  let two: LogAnomalyModel;
  const train = lines('testdata/hdfs_deeplog/hdfs_train').slice(0, 400);
  beforeAll(async () => {
    one = await trainLogAnomaly(train.slice(0, 40), templates, { epochs: 1, threads: 1, seed: 7 });
    two = await trainLogAnomaly(train, templates, { epochs: 6, threads: 1, seed: 7, architecture: 'two' });
  }, 240_000);

  it('stores the architecture and splits the step vector [semantic vector, counts] between the two stacks', () => {
    expect(two.json.architecture).toBe('two');
    expect(two.json.training.architecture).toBe('two');
    const { dims, keys } = two.json.semantics;
    expect(two.layout.shape.streams).toEqual([dims, keys.length]);
    expect(two.layout.streams.map((s) => [s.inOff, s.inSize])).toEqual([[0, dims], [dims, keys.length]]);
    expect(one.json.architecture).toBe('one');
    expect(one.layout.streams).toHaveLength(1);
  });

  it('ONNX (onnxruntime) equals the TypeScript forward pass with the same input and output names as one LSTM; files round-trip', async () => {
    expect(two.json.onnx).toEqual(one.json.onnx);
    await expectOnnxEqualsTypeScript(two);
  });

  it('learns the sequences: flags a session whose order breaks them, not its normal original', async () => {
    const normal = train[0]!;
    const [a, b] = await scoreSessions(two, [normal, [...normal].reverse()], (x, n) => two.predict(x, n), { topG: 3 });
    expect(a!.isAnomaly).toBe(false);
    expect(b!.reasons).toContain(UNEXPECTED_KEY);
  });

  it('a json without architecture (written before it) loads as one LSTM; a mismatch with the ONNX file or an unknown value is refused', () => {
    const { architecture: _a, ...old } = one.json;
    const legacy = LogAnomalyModel.fromFiles(one.toOnnx(), old);
    expect(legacy.layout.streams).toHaveLength(1);
    expect(legacy.params).toEqual(one.params);
    const { architecture: _b, ...twoWithout } = two.json;
    expect(() => LogAnomalyModel.fromFiles(two.toOnnx(), twoWithout)).toThrow(/loganomaly.onnx: .*tensor \w+ missing or of the wrong size/);
    expect(() => LogAnomalyModel.fromFiles(one.toOnnx(), two.json)).toThrow(/loganomaly.onnx: .*tensor/);
    expect(() => LogAnomalyModel.fromFiles(two.toOnnx(), { ...two.json, architecture: 'three' })).toThrow(/architecture must be "one" or "two" \(got "three"\)/);
    expect(() => LogAnomalyModel.fromFiles(two.toOnnx(), { ...two.json, mode: 'values' })).toThrow(/architecture "two" needs mode "dense"/);
  });
});
