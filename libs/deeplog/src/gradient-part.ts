import { LstmNet } from './lstm';
import type { ParamLayout } from './params';

/** Training windows as flat arrays (shared with workers when training in parallel). */
export interface WindowData {
  /** Key indices, count × steps. */
  inputs: Int32Array;
  /** Next-key index per window. */
  targets: Int32Array;
  /** Weight (multiplicity) per window. */
  weights: Float32Array;
}

/** Computes the gradient of a slice of a mini-batch on one thread, in chunks of `chunkRows`. */
export class GradientPart {
  private readonly net: LstmNet;
  private readonly inputs: Int32Array;
  private readonly targets: Int32Array;
  private readonly weights: Float32Array;

  constructor(layout: ParamLayout, private readonly steps: number, private readonly chunkRows: number, private readonly data: WindowData) {
    this.net = new LstmNet(layout, steps, chunkRows);
    this.inputs = new Int32Array(chunkRows * steps);
    this.targets = new Int32Array(chunkRows);
    this.weights = new Float32Array(chunkRows);
  }

  /** Adds the gradient of windows `batch[from..to)` to `grad` (loss scaled by `scale`); returns the loss. */
  run(params: Float32Array, grad: Float32Array, batch: Int32Array, from: number, to: number, scale: number): number {
    const T = this.steps;
    let loss = 0;
    for (let s = from; s < to; s += this.chunkRows) {
      const n = Math.min(this.chunkRows, to - s);
      for (let r = 0; r < n; r++) {
        const w = batch[s + r]!;
        this.inputs.set(this.data.inputs.subarray(w * T, w * T + T), r * T);
        this.targets[r] = this.data.targets[w]!;
        this.weights[r] = this.data.weights[w]!;
      }
      this.net.forward(params, this.inputs, 0, n);
      loss += this.net.backward(params, grad, this.targets, this.weights, 0, scale);
    }
    return loss;
  }
}
