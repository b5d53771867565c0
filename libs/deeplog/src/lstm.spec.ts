import { LstmNet } from './lstm';
import { initParams, paramLayout, type ParamLayout } from './params';
import { SeededRandom } from '@log-sentinel/seeded-random';

function lossOf(net: LstmNet, p: Float32Array, inputs: Int32Array, targets: Int32Array, weights: Float32Array): number {
  const rows = targets.length;
  const probs = net.forward(p, inputs, 0, rows);
  let loss = 0;
  for (let r = 0; r < rows; r++) loss -= weights[r]! * Math.log(probs[r * net.layout.shape.vocab + targets[r]!]!);
  return loss;
}

/** Seeded initial parameters, each moved by up to ±0.5 (breaks symmetry everywhere, biases too), and the random source, to draw the inputs from next. */
function perturbedParams(layout: ParamLayout, paramSeed: number, randomSeed: number): { p: Float32Array; rnd: SeededRandom } {
  const p = initParams(layout, paramSeed);
  const rnd = new SeededRandom(randomSeed);
  for (let i = 0; i < p.length; i++) p[i] = p[i]! + rnd.uniform(-0.5, 0.5);
  return { p, rnd };
}

/**
 * Gradient check: the analytic gradient of `loss` (backward after a forward pass of `inputs`),
 * after checking backward returns the loss itself, and the worst relative difference from
 * central finite differences over every parameter.
 */
function gradientCheck(
  net: LstmNet, p: Float32Array, inputs: Int32Array | Float32Array, targets: Int32Array | Float32Array, weights: Float32Array, loss: () => number,
): { grad: Float32Array; worst: number } {
  const grad = new Float32Array(net.layout.size);
  net.forward(p, inputs, 0, weights.length);
  expect(net.backward(p, grad, targets, weights, 0, 1)).toBeCloseTo(loss(), 4);
  const eps = 1e-2;
  let worst = 0;
  for (let i = 0; i < p.length; i++) {
    const keep = p[i]!;
    p[i] = keep + eps;
    const up = loss();
    p[i] = keep - eps;
    const down = loss();
    p[i] = keep;
    const numeric = (up - down) / (2 * eps);
    worst = Math.max(worst, Math.abs(numeric - grad[i]!) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grad[i]!)));
  }
  return { grad, worst };
}

/** Each gradient check runs on both kernel sets: name, hidden units, SIMD. */
const KERNELS: [string, number, boolean][] = [
  ['JavaScript kernels', 3, false],
  ['SIMD WebAssembly kernels', 4, true],
];

describe('LstmNet', () => {
  it.each(KERNELS)('backward matches finite differences of the loss (gradient check, tiny 2-layer model, %s)', (_name, hidden, simd) => {
    const layout = paramLayout({ vocab: 5, hidden, layers: 2 });
    const steps = 4;
    const rows = 5;
    const { p, rnd } = perturbedParams(layout, 7, 3);
    const inputs = Int32Array.from({ length: rows * steps }, () => Math.floor(rnd.next() * 5));
    const targets = Int32Array.from({ length: rows }, () => Math.floor(rnd.next() * 5));
    const weights = Float32Array.from({ length: rows }, () => 0.5 + rnd.next());
    const net = new LstmNet(layout, steps, rows, { simd });
    expect(net.simd).toBe(simd);
    expect(gradientCheck(net, p, inputs, targets, weights, () => lossOf(net, p, inputs, targets, weights)).worst).toBeLessThan(2e-2);
  });
});

describe('LstmNet, value mode (the parameter-value model)', () => {
  // Each mode states its own shapes, seeds and loss in place; the shared steps are perturbedParams and gradientCheck.
  it.each(KERNELS)('backward matches finite differences of ½·squared error with a missing component (gradient check, %s)', (_name, hidden, simd) => {
    const width = 3;
    const layout = paramLayout({ vocab: width, hidden, layers: 2, mode: 'values' });
    const steps = 4;
    const rows = 5;
    const { p, rnd } = perturbedParams(layout, 9, 4);
    const inputs = Float32Array.from({ length: rows * steps * width }, () => rnd.uniform(-2, 2));
    const targets = Float32Array.from({ length: rows * width }, () => rnd.uniform(-1, 1));
    targets[4] = NaN; // a missing component has no error
    const weights = Float32Array.from({ length: rows }, () => 0.5 + rnd.next());
    const net = new LstmNet(layout, steps, rows, { simd });
    const lossOfValues = (): number => {
      const pred = net.forward(p, inputs, 0, rows);
      let l = 0;
      for (let i = 0; i < rows * width; i++) if (!Number.isNaN(targets[i]!)) l += 0.5 * weights[Math.floor(i / width)]! * (pred[i]! - targets[i]!) ** 2;
      return l;
    };
    expect(gradientCheck(net, p, inputs, targets, weights, lossOfValues).worst).toBeLessThan(2e-2);
  });
});

describe('LstmNet, dense mode (dense vectors in, softmax cross-entropy out: libs/loganomaly)', () => {
  it.each(KERNELS)('backward matches finite differences of the weighted cross-entropy (gradient check, tiny 2-layer model, %s)', (_name, hidden, simd) => {
    const width = 4;
    const layout = paramLayout({ vocab: width, hidden, layers: 2, mode: 'dense' });
    const steps = 4;
    const rows = 5;
    const { p, rnd } = perturbedParams(layout, 10, 5);
    const inputs = Float32Array.from({ length: rows * steps * width }, () => rnd.uniform(-2, 2));
    inputs[3] = 0; // a zero component (padding) contributes nothing
    const targets = Int32Array.from({ length: rows }, () => Math.floor(rnd.next() * width));
    const weights = Float32Array.from({ length: rows }, () => 0.5 + rnd.next());
    const net = new LstmNet(layout, steps, rows, { simd });
    expect(net.simd).toBe(simd);
    const crossEntropy = (): number => {
      const probs = net.forward(p, inputs, 0, rows);
      let l = 0;
      for (let r = 0; r < rows; r++) l -= weights[r]! * Math.log(probs[r * width + targets[r]!]!);
      return l;
    };
    const { grad, worst } = gradientCheck(net, p, inputs, targets, weights, crossEntropy);
    expect(worst).toBeLessThan(2e-2);
    const inputGrad = Math.max(...Array.from(grad.subarray(0, layout.layers[0]!.rt), Math.abs));
    expect(inputGrad).toBeGreaterThan(1e-3); // the dense input weights get a gradient (not the one-hot path)
  });
});
