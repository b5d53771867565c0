/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import { DeepLogDetector } from './detector';
import { DeepLogModel } from './model';
import type { TrainingSummary } from './model-json';
import { exportOnnx, importOnnx } from './onnx-export';
import { initParams, paramLayout } from './params';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { Vocabulary } from './vocabulary';

const summary: TrainingSummary = {
  stoppedBy: 'max-epochs', sessions: 0, validationSessions: 0, windows: 0, distinctWindows: 0, epochs: 0, bestEpoch: 0, trainLoss: 0,
  validationLoss: null, validationFpRate: null, threads: 1, options: {}, fineTuneRounds: 0,
};

function randomModel(keys: number, hidden: number, layers: number, window: number, seed: number): DeepLogModel {
  const vocab = new Vocabulary(['<pad>', '<end>', ...Array.from({ length: keys }, (_, i) => String(i + 1))]);
  const layout = paramLayout({ vocab: vocab.size, hidden, layers });
  const p = initParams(layout, seed);
  const rnd = new SeededRandom(seed + 1);
  for (let i = 0; i < p.length; i++) p[i] = p[i]! * 3 + rnd.uniform(-0.3, 0.3); // saturate some gates, non-zero biases
  return new DeepLogModel(vocab, { window, topG: 3, hidden, layers }, p, summary);
}

describe('ONNX export', () => {
  it.each([
    ['tiny', 5, 4, 2, 3],
    ['default size (2 × 64, h = 10)', 28, 64, 2, 10],
    ['three layers', 6, 8, 3, 4],
  ])('onnxruntime output equals the TypeScript forward pass (%s): max abs diff ≤ 1e-4', async (_n, keys, hidden, layers, window) => {
    const model = randomModel(keys, hidden, layers, window, 11);
    const rnd = new SeededRandom(5);
    const count = 300;
    const inputs = Int32Array.from({ length: count * window }, () => Math.floor(rnd.next() * model.vocabulary.size));
    const expected = model.predict(inputs, count);
    const detector = await DeepLogDetector.create(model, { batchSize: 128 });
    try {
      const got = await detector.predict(inputs, count);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i]! - got[i]!));
      expect(worst).toBeLessThanOrEqual(1e-4);
      expect(got.length).toBe(count * model.vocabulary.size);
    } finally {
      await detector.release();
    }
  });

  it('round-trips parameters through the ONNX file (LSTM layout W [1,4H,in], R [1,4H,H], B [1,8H])', () => {
    const model = randomModel(7, 6, 2, 4, 2);
    const bytes = exportOnnx(model.shape, 4, model.params);
    const back = importOnnx(bytes, model.shape);
    expect(Array.from(back).map((x) => Math.fround(x))).toEqual(Array.from(model.params));
  });

  it('refuses an ONNX file that does not match deeplog.json (vocabulary mismatch) or is corrupt', async () => {
    const model = randomModel(7, 6, 2, 4, 2);
    const json = model.toJSON();
    const other = { ...json, vocabulary: [...json.vocabulary, '99'] };
    await expect(DeepLogDetector.load(model.toOnnx(), other)).rejects.toMatchObject({ code: 'INVALID_MODEL' });
    await expect(DeepLogDetector.load(Buffer.from('not an onnx model'), json)).rejects.toMatchObject({ code: 'INVALID_MODEL' });
    await expect(DeepLogDetector.load(model.toOnnx(), '{"format":"deeplog"')).rejects.toMatchObject({ code: 'INVALID_MODEL' });
  });
});
