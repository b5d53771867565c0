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
/**
 * The dense-mode gradient check (dense vectors in, weighted softmax cross-entropy out) of
 * `layout` on 5 random windows of 4 steps, one input component zero (padding).
 */
function denseGradientCheck(layout: ParamLayout, simd: boolean, paramSeed: number, randomSeed: number): ReturnType<typeof gradientCheck> {
  const width = layout.shape.vocab;
  const steps = 4;
  const rows = 5;
  const { p, rnd } = perturbedParams(layout, paramSeed, randomSeed);
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
  return gradientCheck(net, p, inputs, targets, weights, crossEntropy);
}

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
    const { grad, worst } = denseGradientCheck(layout, simd, 10, 5);
    expect(worst).toBeLessThan(2e-2);
    const inputGrad = Math.max(...Array.from(grad.subarray(0, layout.layers[0]!.rt), Math.abs));
    expect(inputGrad).toBeGreaterThan(1e-3); // the dense input weights get a gradient (not the one-hot path)
  });
});

describe('LstmNet, two stacks (NetShape.streams: LogAnomaly\'s sequential and quantitative LSTMs)', () => {
  it.each(KERNELS)('backward matches finite differences of the weighted cross-entropy (gradient check, two 2-layer stacks over slices 3 + 2, %s)', (_name, hidden, simd) => {
    const width = 5;
    const layout = paramLayout({ vocab: width, hidden, layers: 2, mode: 'dense', streams: [3, 2] });
    expect(layout.streams.map((s) => [s.inOff, s.inSize, s.layers.length])).toEqual([[0, 3, 2], [3, 2, 2]]);
    // each stack's parameters are those of a one-stack net over its slice (`ot` = where the stack ends); the output layer reads 2H
    expect(layout.size).toBe(paramLayout({ vocab: 3, hidden, layers: 2, mode: 'dense' }).ot + paramLayout({ vocab: 2, hidden, layers: 2, mode: 'dense' }).ot + 2 * hidden * width + width);
    const { grad, worst } = denseGradientCheck(layout, simd, 11, 6);
    expect(worst).toBeLessThan(2e-2);
    for (const s of layout.streams) {
      const first = s.layers[0]!;
      // each stack's input weights and its rows of the output layer get a gradient
      expect(Math.max(...Array.from(grad.subarray(first.wt, first.rt), Math.abs))).toBeGreaterThan(1e-3);
    }
    expect(Math.max(...Array.from(grad.subarray(layout.ot + hidden * width, layout.ob), Math.abs))).toBeGreaterThan(1e-3);
  });

  it('each stack reads only its own slice of the input: changing the second slice leaves the first stack\'s share of the output as it was', () => {
    const width = 5;
    const hidden = 4;
    const layout = paramLayout({ vocab: width, hidden, layers: 2, mode: 'values', streams: [3, 2] });
    const { p, rnd } = perturbedParams(layout, 12, 7);
    p.fill(0, layout.ot + hidden * width, layout.ob); // the second stack's output rows off: the output is the first stack's alone
    const steps = 3;
    const a = Float32Array.from({ length: steps * width }, () => rnd.uniform(-1, 1));
    const b = a.slice();
    for (let t = 0; t < steps; t++) b[t * width + 3] = b[t * width + 3]! + 1;
    const net = new LstmNet(layout, steps, 1, { simd: false });
    const outA = net.forward(p, a, 0, 1).slice();
    expect(Array.from(net.forward(p, b, 0, 1))).toEqual(Array.from(outA));
    const c = a.slice();
    c[0] = c[0]! + 1; // a change in the first slice does reach it
    expect(Array.from(net.forward(p, c, 0, 1))).not.toEqual(Array.from(outA));
  });

  it('rejects streams that do not cover the input, or on one-hot keys, naming the problem', () => {
    expect(() => paramLayout({ vocab: 5, hidden: 2, layers: 1, mode: 'dense', streams: [3, 3] })).toThrow(/summing to the input width 5 \(got 3, 3\)/);
    expect(() => paramLayout({ vocab: 5, hidden: 2, layers: 1, mode: 'dense', streams: [5, 0] })).toThrow(/positive integer widths/);
    expect(() => paramLayout({ vocab: 5, hidden: 2, layers: 1, streams: [3, 2] })).toThrow(/dense input vectors/);
  });
});
