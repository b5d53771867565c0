/** Test helper: a float-input LSTM (value or dense mode) exported to ONNX, with what onnxruntime must reproduce. */
import { SeededRandom } from '@log-sentinel/seeded-random';
import { predictWindows } from './lstm';
import { exportOnnx, importOnnx } from './onnx-export';
import { initParams, paramLayout, type NetShape } from './params';

/** The net, its inputs, the TypeScript forward pass over them and the ONNX bytes. */
export interface ExportedFloatNet {
  /** The parameters. */
  p: Float32Array;
  /** `count` windows of uniform random vectors. */
  inputs: Float32Array;
  /** The TypeScript forward pass of `inputs`. */
  expected: Float32Array;
  /** The exported model (its import gives back `p`: checked). */
  onnx: Uint8Array;
}

/**
 * Seeded parameters doubled and perturbed (some gates saturate, biases are non-zero), `count`
 * windows of inputs uniform in ±`inputRange`, their forward pass, and the ONNX export, checked
 * to import back to the same parameters.
 */
export function exportedFloatNet(shape: NetShape, window: number, seeds: { params: number; random: number }, inputRange: number, count: number): ExportedFloatNet {
  const layout = paramLayout(shape);
  const p = initParams(layout, seeds.params);
  const rnd = new SeededRandom(seeds.random);
  for (let i = 0; i < p.length; i++) p[i] = p[i]! * 2 + rnd.uniform(-0.3, 0.3);
  const inputs = Float32Array.from({ length: count * window * shape.vocab }, () => rnd.uniform(-inputRange, inputRange));
  const expected = predictWindows(layout, window, p, inputs, count);
  const onnx = exportOnnx(shape, window, p);
  expect(Array.from(importOnnx(onnx, shape))).toEqual(Array.from(p));
  return { p, inputs, expected, onnx };
}

/** Largest absolute difference between two outputs of the same length (checked). */
export function maxAbsDiff(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(got.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
  return worst;
}
