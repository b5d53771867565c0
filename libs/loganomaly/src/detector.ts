import * as ort from 'onnxruntime-node';
import { LogAnomalyError } from './errors';
import { LogAnomalyModel, LOGANOMALY_FILES } from './model';
import { scoreSessions, type LogAnomalyVerdict } from './scoring';

/** LogAnomaly served with onnxruntime-node: `loganomaly.onnx` (the dense-mode LSTM graph of libs/deeplog; older models: value mode, as their json says) + `loganomaly.json`. */
export class LogAnomalyDetector {
  private constructor(
    /** The model (semantics, encoder, parameters for the TypeScript pass). */
    readonly model: LogAnomalyModel,
    private readonly session: ort.InferenceSession,
  ) {}

  /** Loads the two files; LogAnomalyError 'INVALID_MODEL' naming the problem. */
  static async load(onnxBytes: Uint8Array, json: unknown): Promise<LogAnomalyDetector> {
    const model = LogAnomalyModel.fromFiles(onnxBytes, json);
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(onnxBytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
    } catch (e) {
      throw new LogAnomalyError('INVALID_MODEL', `onnxruntime cannot load ${LOGANOMALY_FILES.onnx}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return new LogAnomalyDetector(model, session);
  }

  /** Scores `count` encoded windows (count × window × width) in one onnxruntime run. */
  async predict(inputs: Float32Array, count: number): Promise<Float32Array> {
    const { window, onnx } = this.model.json;
    const W = this.model.encoder.width;
    const out = await this.session.run({ [onnx.input]: new ort.Tensor('float32', inputs.subarray(0, count * window * W), [count, window, W]) });
    return out[onnx.output]!.data as Float32Array;
  }

  /** Session verdicts (see scoreSessions). */
  score(sessions: readonly (readonly string[])[], opts: { topG?: number } = {}): Promise<LogAnomalyVerdict[]> {
    return scoreSessions(this.model, sessions, (x, n) => this.predict(x, n), opts);
  }

  /** Releases the inference session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
