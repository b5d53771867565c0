import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { GradientPart, type WindowData } from './gradient-part';
import type { ParamLayout } from './params';
import type { WorkerInit, WorkerTask } from './train-worker';

/** Computes mini-batch gradients: on the calling thread, or split with one worker thread. */
export class GradientEngine {
  private readonly local: GradientPart;
  private readonly shared: { params: Float32Array; grad: Float32Array; batch: Int32Array } | undefined;
  private readonly worker: Worker | undefined;
  private pending: { resolve: (loss: number) => void; reject: (e: unknown) => void } | undefined;
  private failure: unknown;

  private constructor(layout: ParamLayout, steps: number, chunkRows: number, data: WindowData, worker?: { w: Worker; shared: GradientEngine['shared'] }) {
    this.local = new GradientPart(layout, steps, chunkRows, data);
    this.worker = worker?.w;
    this.shared = worker?.shared;
    this.worker?.on('message', (m: { loss?: number }) => {
      const p = this.pending;
      this.pending = undefined;
      if (p && typeof m.loss === 'number') p.resolve(m.loss);
    });
    this.worker?.on('error', (e) => {
      this.failure = e;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(e);
    });
  }

  /** Path of the compiled worker script, if present (tests running from sources fall back to one thread). */
  static workerScript(): string | undefined {
    const candidates = [path.join(__dirname, 'train-worker.js'), path.join(__dirname, '..', 'dist', 'train-worker.js')];
    return candidates.find((c) => fs.existsSync(c));
  }

  /** Creates an engine; `threads` 2 adds one worker thread (when its compiled script exists). */
  static async create(layout: ParamLayout, steps: number, data: WindowData, opts: { threads: number; maxBatch: number; chunkRows?: number }): Promise<GradientEngine> {
    const chunkRows = opts.chunkRows ?? 32;
    const script = opts.threads > 1 ? GradientEngine.workerScript() : undefined;
    if (!script) return new GradientEngine(layout, steps, chunkRows, data);
    const sab = (n: number) => new SharedArrayBuffer(n * 4);
    const init: WorkerInit = {
      shape: layout.shape, steps, chunkRows,
      params: sab(layout.size), grad: sab(layout.size), batch: sab(opts.maxBatch),
      inputs: sab(data.inputs.length), targets: sab(data.targets.length), weights: sab(data.weights.length),
    };
    const values = layout.shape.mode === 'values';
    const denseIn = values || layout.shape.mode === 'dense';
    (denseIn ? new Float32Array(init.inputs) : new Int32Array(init.inputs)).set(data.inputs);
    (values ? new Float32Array(init.targets) : new Int32Array(init.targets)).set(data.targets);
    new Float32Array(init.weights).set(data.weights);
    const w = new Worker(script);
    w.unref();
    await new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.postMessage(init);
    });
    const shared = { params: new Float32Array(init.params), grad: new Float32Array(init.grad), batch: new Int32Array(init.batch) };
    return new GradientEngine(layout, steps, chunkRows, data, { w, shared });
  }

  /** Number of threads computing gradients. */
  get threads(): number {
    return this.worker ? 2 : 1;
  }

  /** Sets `grad` to the gradient of the windows `batch[0..n)` (loss × `scale`); returns the loss. */
  async gradient(params: Float32Array, batch: Int32Array, n: number, scale: number, grad: Float32Array): Promise<number> {
    grad.fill(0);
    if (!this.worker || !this.shared || n < 8) return this.local.run(params, grad, batch, 0, n, scale);
    if (this.failure) throw this.failure;
    const half = Math.floor(n / 2);
    this.shared.params.set(params);
    this.shared.batch.set(batch.subarray(0, n));
    const remote = new Promise<number>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
    const task: WorkerTask = { from: half, to: n, scale };
    this.worker.postMessage(task);
    const localLoss = this.local.run(params, grad, batch, 0, half, scale);
    const remoteLoss = await remote;
    const g = this.shared.grad;
    for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + g[i]!;
    return localLoss + remoteLoss;
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    if (this.worker) await this.worker.terminate();
  }
}
