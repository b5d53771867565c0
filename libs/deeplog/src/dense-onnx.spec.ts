/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import * as ort from 'onnxruntime-node';
import { exportedFloatNet, maxAbsDiff } from './float-net.spec-helper';
import { ONNX_OUTPUT } from './model-json';
import { VALUE_ONNX_INPUT } from './onnx-export';

describe('dense-mode ONNX export (dense vectors in, softmax out: libs/loganomaly)', () => {
  // A table of net shapes like the other float-mode ONNX spec's; the shared steps are in float-net.spec-helper.
  it.each<[string, number, number, number, number, number[] | undefined]>([
    ['width 5, 1 × 8', 5, 8, 1, 4, undefined],
    ['width 31, 2 × 64, h = 10 (LogAnomaly on HDFS)', 31, 64, 2, 10, undefined],
    ['two stacks over slices 2 + 3, each 1 × 8', 5, 8, 1, 4, [2, 3]],
    ['two stacks over slices 16 + 15, each 2 × 64, h = 10 (LogAnomaly\'s two LSTMs on HDFS)', 31, 64, 2, 10, [16, 15]],
  ])('onnxruntime output equals the TypeScript forward pass (%s): max abs diff ≤ 1e-4', async (_n, width, hidden, layers, window, streams) => {
    const count = 200;
    const { inputs, expected, onnx } = exportedFloatNet({ vocab: width, hidden, layers, mode: 'dense', ...(streams ? { streams } : {}) }, window, { params: 12, random: 13 }, 1, count);
    for (let r = 0; r < count; r++) {
      let s = 0;
      for (let v = 0; v < width; v++) s += expected[r * width + v]!;
      expect(s).toBeCloseTo(1, 4); // a softmax, not the value mode's linear output
    }
    const session = await ort.InferenceSession.create(onnx);
    try {
      const out = await session.run({ [VALUE_ONNX_INPUT]: new ort.Tensor('float32', inputs, [count, window, width]) });
      expect(maxAbsDiff(out[ONNX_OUTPUT]!.data as Float32Array, expected)).toBeLessThanOrEqual(1e-4);
    } finally {
      await session.release();
    }
  });
});
