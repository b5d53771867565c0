/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import * as ort from 'onnxruntime-node';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { predictWindows } from './lstm';
import { ONNX_OUTPUT } from './model-json';
import { exportOnnx, importOnnx, VALUE_ONNX_INPUT } from './onnx-export';
import { initParams, paramLayout, type NetShape } from './params';

describe('dense-mode ONNX export (dense vectors in, softmax out: libs/loganomaly)', () => {
  it.each([
    ['width 5, 1 × 8', 5, 8, 1, 4],
    ['width 31, 2 × 64, h = 10 (LogAnomaly on HDFS)', 31, 64, 2, 10],
  ])('onnxruntime output equals the TypeScript forward pass (%s): max abs diff ≤ 1e-4', async (_n, width, hidden, layers, window) => {
    const shape: NetShape = { vocab: width, hidden, layers, mode: 'dense' };
    const layout = paramLayout(shape);
    const p = initParams(layout, 12);
    const rnd = new SeededRandom(13);
    for (let i = 0; i < p.length; i++) p[i] = p[i]! * 2 + rnd.uniform(-0.3, 0.3); // saturate some gates, non-zero biases
    const count = 200;
    const inputs = Float32Array.from({ length: count * window * width }, () => rnd.uniform(-1, 1));
    const expected = predictWindows(layout, window, p, inputs, count);
    for (let r = 0; r < count; r++) {
      let s = 0;
      for (let v = 0; v < width; v++) s += expected[r * width + v]!;
      expect(s).toBeCloseTo(1, 4); // a softmax, not the value mode's linear output
    }
    const onnx = exportOnnx(shape, window, p);
    expect(Array.from(importOnnx(onnx, shape))).toEqual(Array.from(p));
    const session = await ort.InferenceSession.create(onnx);
    try {
      const out = await session.run({ [VALUE_ONNX_INPUT]: new ort.Tensor('float32', inputs, [count, window, width]) });
      const got = out[ONNX_OUTPUT]!.data as Float32Array;
      expect(got.length).toBe(expected.length);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
      expect(worst).toBeLessThanOrEqual(1e-4);
    } finally {
      await session.release();
    }
  });
});
