import { JS_KERNELS, simdKernels, type KernelSet } from './kernels';
import { WasmArena } from './wasm-kernels';
import type { ParamLayout } from './params';

/**
 * The DeepLog network in Float32Array kernels: one-hot keys → stacked LSTM → linear →
 * softmax over the next key, with a full backward pass through time. One instance owns
 * the activation caches for batches of up to `maxRows` windows of `steps` keys.
 * With `NetShape.streams` (dense input only) several LSTM stacks each read their slice of
 * the input vector, and the output layer reads their last hidden states side by side.
 */
export class LstmNet {
  private readonly H: number;
  private readonly V: number;
  private readonly act: Float32Array[]; // per layer (layout.layers order): steps × rows × 4H (i, o, f, g after activation)
  private readonly cell: Float32Array[]; // per layer: steps × rows × H
  private readonly tanhCell: Float32Array[];
  private readonly hid: Float32Array[]; // per layer: steps × rows × H
  /** Softmax output of the last forward pass: rows × V. */
  readonly probs: Float32Array;
  private readonly dLogits: Float32Array;
  private readonly dIn: Float32Array; // steps × rows × H, gradient w.r.t. a layer's input
  private readonly dh: Float32Array;
  private readonly dhNext: Float32Array;
  private readonly dcNext: Float32Array;
  private readonly dGates: Float32Array;
  private inputs: Int32Array | Float32Array = new Int32Array(0);
  /** Value mode (NetShape.mode 'values'): dense input vectors of width V, linear output, squared error. */
  private readonly values: boolean;
  /** Dense input vectors of width V (modes 'values' and 'dense'); 'dense' keeps the softmax and cross-entropy. */
  private readonly denseIn: boolean;
  private inputsOff = 0;
  private rows = 0;
  private readonly k: KernelSet;
  private readonly pStage: Float32Array | undefined;
  private readonly gStage: Float32Array | undefined;

  /** With `simd` (default true) buffers live in WebAssembly memory and the SIMD kernels run (JavaScript if unavailable). */
  constructor(readonly layout: ParamLayout, readonly steps: number, readonly maxRows: number, opts: { simd?: boolean } = {}) {
    this.H = layout.shape.hidden;
    this.V = layout.shape.vocab;
    this.values = layout.shape.mode === 'values';
    this.denseIn = this.values || layout.shape.mode === 'dense';
    const L = layout.layers.length; // all stacks' layers
    const n = steps * maxRows * this.H;
    const total = L * 7 * n + 2 * maxRows * this.V + n + maxRows * 7 * this.H + 2 * layout.size + 64 * (L * 4 + 12);
    const arena = opts.simd === false ? undefined : WasmArena.create(total);
    const f32 = (size: number) => (arena ? arena.alloc(size) : new Float32Array(size));
    this.k = arena ? simdKernels(arena.buffer, arena.fns) : JS_KERNELS;
    this.act = Array.from({ length: L }, () => f32(4 * n));
    this.cell = Array.from({ length: L }, () => f32(n));
    this.tanhCell = Array.from({ length: L }, () => f32(n));
    this.hid = Array.from({ length: L }, () => f32(n));
    this.probs = f32(maxRows * this.V);
    this.dLogits = f32(maxRows * this.V);
    this.dIn = f32(n);
    this.dh = f32(maxRows * this.H);
    this.dhNext = f32(maxRows * this.H);
    this.dcNext = f32(maxRows * this.H);
    this.dGates = f32(maxRows * 4 * this.H);
    this.pStage = arena ? arena.alloc(layout.size) : undefined;
    this.gStage = arena ? arena.alloc(layout.size) : undefined;
  }

  /** The top layer's hidden-state cache of each stack. */
  private topLayers(): Float32Array[] {
    let base = 0;
    return this.layout.streams.map((stream) => {
      base += stream.layers.length;
      return this.hid[base - 1]!;
    });
  }

  /** Whether the SIMD WebAssembly kernels are in use. */
  get simd(): boolean {
    return this.pStage !== undefined;
  }

  /**
   * Forward pass of `rows` windows: `inputs[inputsOff + r*steps + t]` is the key index at
   * step t of window r (value mode: `inputs[inputsOff + (r*steps + t)*V + d]` is component d
   * of the vector at step t; the same in dense mode). Fills `probs` (rows × V: probabilities,
   * or the predicted next vector in value mode) and keeps the caches for `backward`.
   */
  forward(params: Float32Array, inputs: Int32Array | Float32Array, inputsOff: number, rows: number): Float32Array {
    if (rows > this.maxRows) throw new RangeError(`batch of ${rows} exceeds ${this.maxRows}`);
    let p = params;
    if (this.pStage) {
      this.pStage.set(params);
      p = this.pStage;
    }
    const { H, V, steps: T } = this;
    const G = 4 * H;
    this.inputs = inputs;
    this.inputsOff = inputsOff;
    this.rows = rows;
    let base = 0; // index of the stack's first layer in the caches
    for (const stream of this.layout.streams) {
      for (let l = 0; l < stream.layers.length; l++) {
        const lo = stream.layers[l]!;
        const ci = base + l;
        const act = this.act[ci]!, cell = this.cell[ci]!, tc = this.tanhCell[ci]!, hid = this.hid[ci]!;
        for (let t = 0; t < T; t++) {
          const aBase = t * rows * G;
          const hBase = t * rows * H;
          for (let r = 0; r < rows; r++) {
            const a = aBase + r * G;
            for (let j = 0; j < G; j++) act[a + j] = p[lo.b + j]!;
            if (l === 0 && this.denseIn) {
              const x = inputsOff + (r * T + t) * V + stream.inOff;
              for (let d = 0; d < stream.inSize; d++) {
                const xv = inputs[x + d]!;
                if (xv === 0) continue;
                const w = lo.wt + d * G;
                for (let j = 0; j < G; j++) act[a + j] = act[a + j]! + xv * p[w + j]!;
              }
            } else if (l === 0) {
              const w = lo.wt + inputs[inputsOff + r * T + t]! * G;
              for (let j = 0; j < G; j++) act[a + j] = act[a + j]! + p[w + j]!;
            }
          }
          if (l > 0) this.k.matmulAcc(this.hid[ci - 1]!, hBase, H, p, lo.wt, G, act, aBase, rows);
          if (t > 0) this.k.matmulAcc(hid, hBase - rows * H, H, p, lo.rt, G, act, aBase, rows);
          for (let r = 0; r < rows; r++) {
            const a = aBase + r * G;
            const h = hBase + r * H;
            const hp = h - rows * H;
            for (let j = 0; j < H; j++) {
              const i = 1 / (1 + Math.exp(-act[a + j]!));
              const o = 1 / (1 + Math.exp(-act[a + H + j]!));
              const f = 1 / (1 + Math.exp(-act[a + 2 * H + j]!));
              const g = Math.tanh(act[a + 3 * H + j]!);
              act[a + j] = i;
              act[a + H + j] = o;
              act[a + 2 * H + j] = f;
              act[a + 3 * H + j] = g;
              const c = (t > 0 ? f * cell[hp + j]! : 0) + i * g;
              cell[h + j] = c;
              const tch = Math.tanh(c);
              tc[h + j] = tch;
              hid[h + j] = o * tch;
            }
          }
        }
      }
      base += stream.layers.length;
    }
    const probs = this.probs;
    for (let r = 0; r < rows; r++) for (let v = 0; v < V; v++) probs[r * V + v] = p[this.layout.ob + v]!;
    this.topLayers().forEach((top, s) => this.k.matmulAcc(top, (T - 1) * rows * H, H, p, this.layout.ot + s * H * V, V, probs, 0, rows));
    if (this.values) return probs;
    for (let r = 0; r < rows; r++) {
      const o = r * V;
      let m = -Infinity;
      for (let v = 0; v < V; v++) if (probs[o + v]! > m) m = probs[o + v]!;
      let s = 0;
      for (let v = 0; v < V; v++) {
        const e = Math.exp(probs[o + v]! - m);
        probs[o + v] = e;
        s += e;
      }
      for (let v = 0; v < V; v++) probs[o + v] = probs[o + v]! / s;
    }
    return probs;
  }

  /**
   * Backward pass after `forward`: adds ∂loss/∂p to `grad` for
   * loss = Σ_r scale·weights[r]·(−log probs[r, targets[r]]) (keys and dense mode) and returns that loss. Value mode:
   * `targets[(off + r)*V + d]` is component d of window r's next vector and
   * loss = Σ_r scale·weights[r]·½‖prediction − target‖² over the components that are not NaN
   * (a missing value: no error).
   */
  backward(
    params: Float32Array, gradOut: Float32Array,
    targets: Int32Array | Float32Array, weights: Float32Array, off: number, scale: number,
  ): number {
    const p = this.pStage ?? params; // forward staged the same parameters
    const grad = this.gStage ?? gradOut;
    if (this.gStage) this.gStage.fill(0);
    const { H, V, steps: T, rows } = this;
    const G = 4 * H;
    const probs = this.probs, dLogits = this.dLogits;
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights[off + r]! * scale;
      if (this.values) {
        const tb = (off + r) * V;
        for (let v = 0; v < V; v++) {
          const t = targets[tb + v]!;
          if (Number.isNaN(t)) {
            dLogits[r * V + v] = 0;
            continue;
          }
          const diff = probs[r * V + v]! - t;
          loss += 0.5 * w * diff * diff;
          dLogits[r * V + v] = w * diff;
        }
        continue;
      }
      const y = targets[off + r]!;
      loss -= w * Math.log(Math.max(probs[r * V + y]!, 1e-30));
      for (let v = 0; v < V; v++) dLogits[r * V + v] = probs[r * V + v]! * w;
      dLogits[r * V + y] = dLogits[r * V + y]! - w;
    }
    const lastH = (T - 1) * rows * H;
    for (let r = 0; r < rows; r++) for (let v = 0; v < V; v++) grad[this.layout.ob + v] += dLogits[r * V + v]!;
    const dOut = this.dh;
    const dIn = this.dIn, dhNext = this.dhNext, dcNext = this.dcNext, dG = this.dGates;
    const tops = this.topLayers();
    let base = 0; // index of the stack's first layer in the caches
    this.layout.streams.forEach((stream, s) => {
      const otS = this.layout.ot + s * H * V; // the output rows that read this stack
      this.k.matmulAtBAcc(tops[s]!, lastH, H, dLogits, 0, V, grad, otS, rows);
      this.k.matmulABt(dLogits, 0, V, p, otS, H, dOut, 0, rows);
      const L = stream.layers.length;
      for (let l = L - 1; l >= 0; l--) {
        const lo = stream.layers[l]!;
        const ci = base + l;
        const act = this.act[ci]!, cell = this.cell[ci]!, tc = this.tanhCell[ci]!;
        dhNext.fill(0, 0, rows * H);
        dcNext.fill(0, 0, rows * H);
        for (let t = T - 1; t >= 0; t--) {
          const aBase = t * rows * G;
          const hBase = t * rows * H;
          for (let r = 0; r < rows; r++) {
            const a = aBase + r * G;
            const h = hBase + r * H;
            const rh = r * H;
            const rg = r * G;
            for (let j = 0; j < H; j++) {
              let dhj = dhNext[rh + j]!;
              if (l === L - 1) {
                if (t === T - 1) dhj += dOut[rh + j]!;
              } else dhj += dIn[h + j]!;
              const i = act[a + j]!, o = act[a + H + j]!, f = act[a + 2 * H + j]!, g = act[a + 3 * H + j]!;
              const tch = tc[h + j]!;
              const dc = dcNext[rh + j]! + dhj * o * (1 - tch * tch);
              const cPrev = t > 0 ? cell[h - rows * H + j]! : 0;
              dG[rg + j] = dc * g * i * (1 - i);
              dG[rg + H + j] = dhj * tch * o * (1 - o);
              dG[rg + 2 * H + j] = dc * cPrev * f * (1 - f);
              dG[rg + 3 * H + j] = dc * i * (1 - g * g);
              dcNext[rh + j] = dc * f;
            }
          }
          for (let r = 0; r < rows; r++) for (let j = 0; j < G; j++) grad[lo.b + j] += dG[r * G + j]!;
          if (t > 0) {
            this.k.matmulAtBAcc(this.hid[ci]!, hBase - rows * H, H, dG, 0, G, grad, lo.rt, rows);
            this.k.matmulABt(dG, 0, G, p, lo.rt, H, dhNext, 0, rows);
          }
          if (l > 0) {
            this.k.matmulAtBAcc(this.hid[ci - 1]!, hBase, H, dG, 0, G, grad, lo.wt, rows);
            this.k.matmulABt(dG, 0, G, p, lo.wt, H, dIn, hBase, rows);
          } else if (this.denseIn) {
            for (let r = 0; r < rows; r++) {
              const x = this.inputsOff + (r * T + t) * V + stream.inOff;
              for (let d = 0; d < stream.inSize; d++) {
                const xv = this.inputs[x + d]!;
                if (xv === 0) continue;
                const w = lo.wt + d * G;
                for (let j = 0; j < G; j++) grad[w + j] += xv * dG[r * G + j]!;
              }
            }
          } else {
            for (let r = 0; r < rows; r++) {
              const w = lo.wt + this.inputs[this.inputsOff + r * T + t]! * G;
              for (let j = 0; j < G; j++) grad[w + j] += dG[r * G + j]!;
            }
          }
        }
      }
      base += L;
    });
    if (this.gStage) for (let i = 0; i < gradOut.length; i++) gradOut[i] += this.gStage[i]!;
    return loss;
  }
}

/**
 * Forward pass over `count` windows (key indices, count × steps; value and dense mode: vectors,
 * count × steps × V) in chunks; returns probabilities (value mode: predicted vectors), count × V.
 */
export function predictWindows(layout: ParamLayout, steps: number, params: Float32Array, inputs: Int32Array | Float32Array, count: number, chunkRows = 256): Float32Array {
  const V = layout.shape.vocab;
  const width = (layout.shape.mode ?? 'keys') !== 'keys' ? steps * V : steps;
  const out = new Float32Array(count * V);
  const net = new LstmNet(layout, steps, Math.min(chunkRows, Math.max(1, count)));
  for (let s = 0; s < count; s += net.maxRows) {
    const n = Math.min(net.maxRows, count - s);
    out.set(net.forward(params, inputs, s * width, n).subarray(0, n * V), s * V);
  }
  return out;
}
