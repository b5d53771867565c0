/** Adam optimiser state over a flat parameter vector (Kingma & Ba), with global-norm clipping. */
export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(size: number, private readonly opts: { learningRate: number; beta1?: number; beta2?: number; epsilon?: number; clipNorm?: number }) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Changes the learning rate (e.g. halving it when validation stalls). */
  set learningRate(lr: number) {
    this.opts.learningRate = lr;
  }

  /** Current learning rate. */
  get learningRate(): number {
    return this.opts.learningRate;
  }

  /** Applies one update to `params` from `grad`; returns the gradient norm before clipping. */
  step(params: Float32Array, grad: Float32Array): number {
    const { learningRate: lr, beta1: b1 = 0.9, beta2: b2 = 0.999, epsilon: eps = 1e-8, clipNorm = 5 } = this.opts;
    let sq = 0;
    for (let i = 0; i < grad.length; i++) sq += grad[i]! * grad[i]!;
    const norm = Math.sqrt(sq);
    const clip = norm > clipNorm ? clipNorm / norm : 1;
    this.t++;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    const m = this.m, v = this.v;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]! * clip;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      params[i] = params[i]! - (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
    }
    return norm;
  }
}
