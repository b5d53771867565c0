/** Worker thread of the parallel trainer: computes gradients of its share of each mini-batch. */
import { parentPort } from 'node:worker_threads';
import { GradientPart } from './gradient-part';
import { paramLayout, type NetShape } from './params';

/** First message: the shape and the shared buffers. */
export interface WorkerInit {
  shape: NetShape;
  steps: number;
  chunkRows: number;
  params: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  batch: SharedArrayBuffer;
  inputs: SharedArrayBuffer;
  targets: SharedArrayBuffer;
  weights: SharedArrayBuffer;
}

/** Every further message: compute the gradient of `batch[from..to)`. */
export interface WorkerTask {
  from: number;
  to: number;
  scale: number;
}

let part: GradientPart | undefined;
let views: { params: Float32Array; grad: Float32Array; batch: Int32Array } | undefined;

parentPort?.on('message', (msg: WorkerInit | WorkerTask) => {
  if ('shape' in msg) {
    const values = msg.shape.mode === 'values';
    const denseIn = values || msg.shape.mode === 'dense';
    const data = {
      inputs: denseIn ? new Float32Array(msg.inputs) : new Int32Array(msg.inputs),
      targets: values ? new Float32Array(msg.targets) : new Int32Array(msg.targets),
      weights: new Float32Array(msg.weights),
    };
    part = new GradientPart(paramLayout(msg.shape), msg.steps, msg.chunkRows, data);
    views = { params: new Float32Array(msg.params), grad: new Float32Array(msg.grad), batch: new Int32Array(msg.batch) };
    parentPort?.postMessage({ ready: true });
    return;
  }
  if (!part || !views) throw new Error('train worker used before init');
  views.grad.fill(0);
  const loss = part.run(views.params, views.grad, views.batch, msg.from, msg.to, msg.scale);
  parentPort?.postMessage({ loss });
});
