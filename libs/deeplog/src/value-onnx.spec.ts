/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import { SeededRandom } from '@log-sentinel/seeded-random';
import { exportedFloatNet, maxAbsDiff } from './float-net.spec-helper';
import { ValueDetector } from './value-detector';
import { VALUES_FILE } from './value-model';
import { trainValueModels } from './value-train';

describe('parameter-value ONNX export', () => {
  // A table of net shapes like the other float-mode ONNX spec's; the shared steps are in float-net.spec-helper.
  it.each([
    ['one component, 1 × 16', 1, 16, 1, 5],
    ['three components, 2 × 8', 3, 8, 2, 4],
  ])('onnxruntime output equals the TypeScript forward pass (%s): max abs diff ≤ 1e-4', async (_n, width, hidden, layers, window) => {
    const count = 200;
    const { inputs, expected, onnx } = exportedFloatNet({ vocab: width, hidden, layers, mode: 'values' }, window, { params: 7, random: 8 }, 3, count);
    const json = JSON.stringify({
      format: 'log-sentinel.values', version: 1, window, hidden, layers, confidence: 0.999, z: 3.29, calibration: null, minRecords: 50, skipped: [],
      models: [{ key: 'k', file: 'values-0.onnx', dims: Array.from({ length: width }, (_, i) => ({ kind: 'param', position: i + 1 })), paramCount: width, scale: new Array(width).fill('log'),
        mean: new Array(width).fill(0), std: new Array(width).fill(1), errorMean: new Array(width).fill(0), errorStd: new Array(width).fill(1),
        training: { records: 0, trainWindows: 0, validationWindows: 0, epochs: 0, bestEpoch: 0, trainLoss: 0, validationLoss: null } }],
    });
    const detector = await ValueDetector.load(json, (name) => (name === 'values-0.onnx' ? onnx : undefined));
    try {
      expect(maxAbsDiff(await detector.predict('k', inputs, count), expected)).toBeLessThanOrEqual(1e-4);
    } finally {
      await detector.release();
    }
  });

  it('a trained set round-trips through its files and predicts the same with onnxruntime', async () => {
    const rnd = new SeededRandom(4);
    const records = Array.from({ length: 120 }, (_, i) => ({ key: 'k', params: [String(50 + Math.round(rnd.uniform(0, 40))), `id${i}`], elapsedMs: 100 + Math.round(rnd.uniform(0, 50)) }));
    const set = await trainValueModels(records, { epochs: 3 });
    const files = new Map(set.files().map((f) => [f.name, typeof f.data === 'string' ? Buffer.from(f.data) : f.data]));
    expect([...files.keys()].sort()).toEqual(['values-0.onnx', VALUES_FILE]);
    const detector = await ValueDetector.load(files.get(VALUES_FILE)!.toString(), (n) => files.get(n));
    try {
      const inputs = Float32Array.from({ length: 4 * set.json.window * 2 }, () => rnd.uniform(-1, 1));
      const js = set.predict('k', inputs, 4);
      const ort = await detector.predict('k', inputs, 4);
      for (let i = 0; i < js.length; i++) expect(Math.abs(ort[i]! - js[i]!)).toBeLessThanOrEqual(1e-4);
    } finally {
      await detector.release();
    }
    await expect(ValueDetector.load(files.get(VALUES_FILE)!.toString(), () => undefined)).rejects.toThrow(/values-0.onnx, which is missing/);
  });
});
