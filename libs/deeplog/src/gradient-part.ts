import { LstmNet } from './lstm';
import type { ParamLayout } from './params';

/** Training windows as flat arrays (shared with workers when training in parallel). */
export interface WindowData {
  /** Key indices, count × steps (value and dense mode: vectors, count × steps × width, Float32Array). */
  inputs: Int32Array | Float32Array;
  /** Next-key (dense mode: next-class) index per window (value mode: the next vector, count × width, NaN = missing). */
  targets: Int32Array | Float32Array;
  /** Weight (multiplicity) per window. */
  weights: Float32Array;
}

/** Computes the gradient of a slice of a mini-batch on one thread, in chunks of `chunkRows`. */
export class GradientPart {
  private readonly net: LstmNet;
  private readonly inputs: Int32Array | Float32Array;
  private readonly targets: Int32Array | Float32Array;
  private readonly weights: Float32Array;
  /** Input entries per window (steps keys, or steps vectors in value and dense mode) and target entries per window (1 index, or one vector in value mode). */
  private readonly inWidth: number;
  private readonly outWidth: number;

  constructor(layout: ParamLayout, steps: number, private readonly chunkRows: number, private readonly data: WindowData) {
    this.net = new LstmNet(layout, steps, chunkRows);
    const values = layout.shape.mode === 'values';
    const denseIn = values || layout.shape.mode === 'dense';
    this.outWidth = values ? layout.shape.vocab : 1;
    this.inWidth = steps * (denseIn ? layout.shape.vocab : 1);
    this.inputs = denseIn ? new Float32Array(chunkRows * this.inWidth) : new Int32Array(chunkRows * steps);
    this.targets = values ? new Float32Array(chunkRows * this.outWidth) : new Int32Array(chunkRows);
    this.weights = new Float32Array(chunkRows);
  }

  /** Adds the gradient of windows `batch[from..to)` to `grad` (loss scaled by `scale`); returns the loss. */
  run(params: Float32Array, grad: Float32Array, batch: Int32Array, from: number, to: number, scale: number): number {
    const T = this.inWidth;
    const O = this.outWidth;
    let loss = 0;
    for (let s = from; s < to; s += this.chunkRows) {
      const n = Math.min(this.chunkRows, to - s);
      for (let r = 0; r < n; r++) {
        const w = batch[s + r]!;
        this.inputs.set(this.data.inputs.subarray(w * T, w * T + T), r * T);
        this.targets.set(this.data.targets.subarray(w * O, w * O + O), r * O);
        this.weights[r] = this.data.weights[w]!;
      }
      this.net.forward(params, this.inputs, 0, n);
      loss += this.net.backward(params, grad, this.targets, this.weights, 0, scale);
    }
    return loss;
  }
}
