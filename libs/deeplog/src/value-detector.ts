import * as ort from 'onnxruntime-node';
import { DeepLogError } from './errors';
import { VALUE_ONNX_INPUT, VALUE_ONNX_OUTPUT } from './onnx-export';
import { ValueModelSet } from './value-model';

/**
 * The parameter-value models served with onnxruntime-node: one inference session per
 * modelled key (its `values-<n>.onnx`), batched per key.
 */
export class ValueDetector {
  private constructor(
    /** The models (values.json and the parameters, for the TypeScript forward pass). */
    readonly models: ValueModelSet,
    private readonly sessions: Map<string, ort.InferenceSession>,
  ) {}

  /** Loads values.json and the networks it names; DeepLogError 'INVALID_MODEL' naming the problem. */
  static async load(jsonText: string, file: (name: string) => Uint8Array | undefined): Promise<ValueDetector> {
    const models = ValueModelSet.fromFiles(jsonText, file);
    const sessions = new Map<string, ort.InferenceSession>();
    try {
      for (const m of models.json.models) {
        try {
          sessions.set(m.key, await ort.InferenceSession.create(file(m.file)!, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' }));
        } catch (e) {
          throw new DeepLogError('INVALID_MODEL', `onnxruntime cannot load ${m.file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      }
    } catch (e) {
      for (const s of sessions.values()) await s.release();
      throw e;
    }
    return new ValueDetector(models, sessions);
  }

  /** Predicted next vectors of `count` windows of `key` (inputs count × window × width) in one onnxruntime run. */
  async predict(key: string, inputs: Float32Array, count: number): Promise<Float32Array> {
    const s = this.sessions.get(key);
    const m = this.models.model(key);
    if (!s || !m) throw new DeepLogError('INVALID_MODEL', `no value model for key ${key}`);
    const width = m.dims.length;
    const out = await s.run({ [VALUE_ONNX_INPUT]: new ort.Tensor('float32', inputs.subarray(0, count * this.models.json.window * width), [count, this.models.json.window, width]) });
    return out[VALUE_ONNX_OUTPUT]!.data as Float32Array;
  }

  /** Releases every inference session. */
  async release(): Promise<void> {
    for (const s of this.sessions.values()) await s.release();
    this.sessions.clear();
  }
}
