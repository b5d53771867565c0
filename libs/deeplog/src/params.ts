import { SeededRandom } from '@log-sentinel/seeded-random';
import { DeepLogError } from './errors';

/** Size of the network: vocabulary (input and output width), hidden units, stacked layers. */
export interface NetShape {
  /** Vocabulary size V (one-hot input width and softmax width). */
  vocab: number;
  /** LSTM units per layer H. */
  hidden: number;
  /** Number of stacked LSTM layers. */
  layers: number;
  /**
   * 'keys' (default): one-hot key indices in, softmax over the vocabulary out (the key model).
   * 'values': real vectors of width `vocab` in, a linear prediction of the next vector out,
   * squared error (the parameter-value model, ./value-model).
   * 'dense': real vectors of width `vocab` in (as 'values'), softmax over the `vocab` outputs
   * and cross-entropy on the next class index (as 'keys'; libs/loganomaly).
   */
  mode?: 'keys' | 'values' | 'dense';
  /**
   * Parallel LSTM stacks over slices of the input (dense and value mode): stack s reads input
   * components [Σ streams[<s], Σ streams[≤s]) through `layers` layers of `hidden` units, and
   * the last hidden states of all stacks, concatenated in this order, feed the one output
   * layer. The widths sum to `vocab`. Absent = one stack over the whole input. LogAnomaly's
   * two LSTMs (sequential pattern, quantitative pattern) are `[dims, K]`.
   */
  streams?: number[];
}

/** One LSTM stack of a network: which slice of the input it reads, and its layers. */
export interface StreamOffsets {
  /** First input component the stack reads. */
  inOff: number;
  /** Number of input components it reads (its first layer's input width). */
  inSize: number;
  /** Its layers, bottom first. */
  layers: LayerOffsets[];
}

/** Offsets of one LSTM layer's tensors inside the flat parameter vector. */
export interface LayerOffsets {
  /** Input width of the layer (V for the first, H above). */
  inSize: number;
  /** Input weights, transposed: in×4H, gate order i, o, f, c (the ONNX order). */
  wt: number;
  /** Recurrent weights, transposed: H×4H. */
  rt: number;
  /** Bias (input + recurrent): 4H. */
  b: number;
}

/** Where every tensor lives in the flat parameter vector. */
export interface ParamLayout {
  /** The network shape this layout is for. */
  shape: NetShape;
  /** Per-layer offsets, bottom first; with several streams, stream 0's layers, then stream 1's, … */
  layers: LayerOffsets[];
  /** The LSTM stacks (one unless `shape.streams` says otherwise), each stack's parameters before the next one's. */
  streams: StreamOffsets[];
  /** Output weights: (S·H)×V, S = number of stacks; rows s·H … s·H + H − 1 take stack s's last hidden state. */
  ot: number;
  /** Output bias: V. */
  ob: number;
  /** Total number of parameters. */
  size: number;
}

/** Computes the flat parameter layout of `shape`. */
export function paramLayout(shape: NetShape): ParamLayout {
  const { vocab: V, hidden: H, layers: L } = shape;
  const widths = shape.streams ?? [V];
  if (shape.streams !== undefined) {
    if ((shape.mode ?? 'keys') === 'keys') throw new DeepLogError('INVALID_OPTIONS', 'streams need dense input vectors (mode "dense" or "values")');
    if (widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w < 1) || widths.reduce((a, b) => a + b, 0) !== V) {
      throw new DeepLogError('INVALID_OPTIONS', `streams must be positive integer widths summing to the input width ${V} (got ${widths.join(', ')})`);
    }
  }
  const layers: LayerOffsets[] = [];
  const streams: StreamOffsets[] = [];
  let off = 0;
  let inOff = 0;
  for (const width of widths) {
    const stream: StreamOffsets = { inOff, inSize: width, layers: [] };
    for (let l = 0; l < L; l++) {
      const inSize = l === 0 ? width : H;
      const wt = off;
      off += inSize * 4 * H;
      const rt = off;
      off += H * 4 * H;
      const b = off;
      off += 4 * H;
      stream.layers.push({ inSize, wt, rt, b });
    }
    layers.push(...stream.layers);
    streams.push(stream);
    inOff += width;
  }
  const ot = off;
  off += widths.length * H * V;
  const ob = off;
  off += V;
  return { shape, layers, streams, ot, ob, size: off };
}

/**
 * Seeded initialisation: weights uniform in ±1/√H (as common LSTM libraries do; ±1 for the one-hot input), forget-gate
 * bias 1 so early gradients flow through time, output bias 0.
 */
export function initParams(layout: ParamLayout, seed: number, out?: Float32Array): Float32Array {
  const p = out ?? new Float32Array(layout.size);
  const rnd = new SeededRandom(seed);
  const H = layout.shape.hidden;
  const bound = 1 / Math.sqrt(H);
  for (let i = 0; i < layout.ob; i++) p[i] = rnd.uniform(-bound, bound);
  // one-hot inputs select a single column: draw it like an embedding row times a weight (wider), so keys are distinct from the start
  const first = layout.layers[0]!;
  if ((layout.shape.mode ?? 'keys') === 'keys') for (let i = first.wt; i < first.rt; i++) p[i] = rnd.uniform(-2, 2);
  for (const l of layout.layers) {
    for (let j = 0; j < 4 * H; j++) p[l.b + j] = 0;
    for (let j = 2 * H; j < 3 * H; j++) p[l.b + j] = 1;
  }
  for (let j = 0; j < layout.shape.vocab; j++) p[layout.ob + j] = 0;
  return p;
}
