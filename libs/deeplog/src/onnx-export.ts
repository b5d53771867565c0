import { onnx } from 'onnx-proto';
import { DeepLogError } from './errors';
import { ONNX_INPUT, ONNX_OUTPUT } from './model-json';
import { paramLayout, type NetShape, type ParamLayout } from './params';

/** ONNX opset the exported graph declares (LSTM, Gather, Squeeze with axes input, Softmax). */
export const ONNX_OPSET = 17;
const IR_VERSION = 8;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT32 = onnx.TensorProto.DataType.INT32;

function floatTensor(name: string, dims: number[], data: Float32Array): onnx.ITensorProto {
  const raw = new Uint8Array(data.length * 4);
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) dv.setFloat32(i * 4, data[i]!, true);
  return { name, dims, dataType: FLOAT, rawData: raw };
}

function int64Tensor(name: string, values: number[]): onnx.ITensorProto {
  return { name, dims: [values.length], dataType: INT64, int64Data: values };
}

function intAttr(name: string, i: number): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

/** Prefix of stack s's tensor and value names: none for the first (the names of a one-stack graph), `s<s>_` for the others. */
function streamPrefix(s: number): string {
  return s === 0 ? '' : `s${s}_`;
}

/** ONNX LSTM weights of one layer from the trainer's transposed layout: W [1,4H,in], R [1,4H,H], B [1,8H]. */
function lstmTensors(p: Float32Array, layout: ParamLayout, s: number, l: number): onnx.ITensorProto[] {
  const H = layout.shape.hidden;
  const G = 4 * H;
  const lo = layout.streams[s]!.layers[l]!;
  const n = streamPrefix(s);
  const W = new Float32Array(G * lo.inSize);
  for (let k = 0; k < lo.inSize; k++) for (let g = 0; g < G; g++) W[g * lo.inSize + k] = p[lo.wt + k * G + g]!;
  const R = new Float32Array(G * H);
  for (let k = 0; k < H; k++) for (let g = 0; g < G; g++) R[g * H + k] = p[lo.rt + k * G + g]!;
  const B = new Float32Array(2 * G);
  B.set(p.subarray(lo.b, lo.b + G), 0); // input biases carry the sum; recurrent biases are zero
  return [floatTensor(`${n}W${l}`, [1, G, lo.inSize], W), floatTensor(`${n}R${l}`, [1, G, H], R), floatTensor(`${n}B${l}`, [1, 2 * G], B)];
}

/** Input of an exported parameter-value network: float `[batch, window, width]`. */
export const VALUE_ONNX_INPUT = 'values';
/** Output of an exported parameter-value network: the predicted next vector, float `[batch, width]`. */
export const VALUE_ONNX_OUTPUT = 'prediction';

/**
 * Encodes the network as a standard ONNX model: int32 `keys` [batch, window] → one-hot
 * (Gather on an identity matrix) → stacked ONNX `LSTM` nodes → MatMul + Add → Softmax
 * `probs` [batch, V]. Value mode (NetShape.mode 'values'): float `values` [batch, window, V]
 * → the same LSTM stack → MatMul + Add → `prediction` [batch, V] (no softmax). Dense mode
 * ('dense'): float `values` [batch, window, V] → the same LSTM stack → MatMul + Add → Softmax
 * `probs` [batch, V]. With several stacks (NetShape.streams): the transposed input is cut by
 * `Slice` on its last axis, each slice runs through its own LSTM stack, and the stacks' last
 * hidden states are joined by `Concat` before the one MatMul + Add (+ Softmax); the input
 * and output names and shapes stay those of the one-stack graph.
 */
export function exportOnnx(shape: NetShape, window: number, params: Float32Array): Uint8Array {
  const layout = paramLayout(shape);
  if (params.length !== layout.size) throw new DeepLogError('INVALID_MODEL', 'parameter vector does not match the network shape');
  const { vocab: V, hidden: H, layers: L } = shape;
  const values = shape.mode === 'values';
  const denseIn = values || shape.mode === 'dense';
  const S = layout.streams.length;
  const Ot = params.slice(layout.ot, layout.ot + S * H * V);
  const ob = params.slice(layout.ob, layout.ob + V);
  // axis1 squeezes between stacked layers only (an unused initializer makes onnxruntime warn)
  const initializer: onnx.ITensorProto[] = L > 1 ? [int64Tensor('axis0', [0]), int64Tensor('axis1', [1])] : [int64Tensor('axis0', [0])];
  const node: onnx.INodeProto[] = [];
  const ints = onnx.AttributeProto.AttributeType.INTS;
  if (denseIn && S === 1) {
    node.push({ opType: 'Transpose', input: [VALUE_ONNX_INPUT], output: ['x0'], attribute: [{ name: 'perm', type: ints, ints: [1, 0, 2] }] });
  } else if (denseIn) {
    node.push({ opType: 'Transpose', input: [VALUE_ONNX_INPUT], output: ['x_all'], attribute: [{ name: 'perm', type: ints, ints: [1, 0, 2] }] });
    initializer.push(int64Tensor('axis2', [2]));
    layout.streams.forEach((st, s) => {
      const n = streamPrefix(s);
      initializer.push(int64Tensor(`${n}from`, [st.inOff]), int64Tensor(`${n}to`, [st.inOff + st.inSize]));
      node.push({ opType: 'Slice', input: ['x_all', `${n}from`, `${n}to`, 'axis2'], output: [`${n}x0`] });
    });
  } else {
    const eye = new Float32Array(V * V);
    for (let i = 0; i < V; i++) eye[i * V + i] = 1;
    initializer.unshift(floatTensor('onehot', [V, V], eye));
    node.push(
      { opType: 'Transpose', input: [ONNX_INPUT], output: ['keys_t'], attribute: [{ name: 'perm', type: ints, ints: [1, 0] }] },
      { opType: 'Gather', input: ['onehot', 'keys_t'], output: ['x0'], attribute: [intAttr('axis', 0)] },
    );
  }
  for (let s = 0; s < S; s++) {
    const n = streamPrefix(s);
    for (let l = 0; l < L; l++) {
      initializer.push(...lstmTensors(params, layout, s, l));
      const last = l === L - 1;
      node.push({
        opType: 'LSTM', name: `${n}lstm${l}`,
        input: [`${n}x${l}`, `${n}W${l}`, `${n}R${l}`, `${n}B${l}`],
        output: last ? ['', `${n}yh${l}`] : [`${n}y${l}`],
        attribute: [intAttr('hidden_size', H)],
      });
      if (!last) node.push({ opType: 'Squeeze', input: [`${n}y${l}`, 'axis1'], output: [`${n}x${l + 1}`] });
      else node.push({ opType: 'Squeeze', input: [`${n}yh${l}`, 'axis0'], output: [`${n}h_last`] });
    }
  }
  if (S > 1) node.push({ opType: 'Concat', input: layout.streams.map((_, s) => `${streamPrefix(s)}h_last`), output: ['h_cat'], attribute: [intAttr('axis', 1)] });
  initializer.push(floatTensor('Ot', [S * H, V], Ot), floatTensor('ob', [V], ob));
  node.push({ opType: 'MatMul', input: [S > 1 ? 'h_cat' : 'h_last', 'Ot'], output: ['lin'] });
  if (values) node.push({ opType: 'Add', input: ['lin', 'ob'], output: [VALUE_ONNX_OUTPUT] });
  else {
    node.push(
      { opType: 'Add', input: ['lin', 'ob'], output: ['logits'] },
      { opType: 'Softmax', input: ['logits'], output: [ONNX_OUTPUT], attribute: [intAttr('axis', -1)] },
    );
  }
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    producerName: 'log-sentinel-deeplog',
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    graph: {
      name: values ? 'deeplog_values' : denseIn ? 'deeplog_dense' : 'deeplog',
      node,
      initializer,
      input: denseIn
        ? [{ name: VALUE_ONNX_INPUT, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: window }, { dimValue: V }] } } } }]
        : [{ name: ONNX_INPUT, type: { tensorType: { elemType: INT32, shape: { dim: [{ dimParam: 'batch' }, { dimValue: window }] } } } }],
      output: [{ name: values ? VALUE_ONNX_OUTPUT : ONNX_OUTPUT, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: V }] } } } }],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function tensorData(t: onnx.ITensorProto): Float32Array {
  if (t.rawData && t.rawData.length > 0) {
    const dv = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    const out = new Float32Array(t.rawData.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(i * 4, true);
    return out;
  }
  return Float32Array.from(t.floatData ?? []);
}

/** Reads the trainer's parameter vector back from an ONNX model written by {@link exportOnnx}. */
export function importOnnx(bytes: Uint8Array, shape: NetShape): Float32Array {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new DeepLogError('INVALID_MODEL', 'deeplog.onnx is not a valid ONNX model', { cause: e });
  }
  const byName = new Map((model.graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  const get = (name: string, size: number): Float32Array => {
    const t = byName.get(name);
    const d = t ? tensorData(t) : undefined;
    if (!d || d.length !== size) throw new DeepLogError('INVALID_MODEL', `deeplog.onnx: tensor ${name} missing or of the wrong size (does it match deeplog.json?)`);
    return d;
  };
  const layout = paramLayout(shape);
  const p = new Float32Array(layout.size);
  const H = shape.hidden;
  const G = 4 * H;
  layout.streams.forEach((st, s) => st.layers.forEach((lo, l) => {
    const n = streamPrefix(s);
    const W = get(`${n}W${l}`, G * lo.inSize);
    const R = get(`${n}R${l}`, G * H);
    const B = get(`${n}B${l}`, 2 * G);
    for (let k = 0; k < lo.inSize; k++) for (let g = 0; g < G; g++) p[lo.wt + k * G + g] = W[g * lo.inSize + k]!;
    for (let k = 0; k < H; k++) for (let g = 0; g < G; g++) p[lo.rt + k * G + g] = R[g * H + k]!;
    for (let g = 0; g < G; g++) p[lo.b + g] = B[g]! + B[G + g]!;
  }));
  p.set(get('Ot', layout.streams.length * H * shape.vocab), layout.ot);
  p.set(get('ob', shape.vocab), layout.ob);
  return p;
}
