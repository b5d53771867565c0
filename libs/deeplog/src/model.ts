import { DeepLogError } from './errors';
import { predictWindows } from './lstm';
import { parseModelJson, ONNX_INPUT, ONNX_OUTPUT, type DeepLogModelJson, type TrainingSummary } from './model-json';
import { exportOnnx, importOnnx, ONNX_OPSET } from './onnx-export';
import { paramLayout, type NetShape, type ParamLayout } from './params';
import { END_TOKEN, PAD_TOKEN, Vocabulary } from './vocabulary';
import type { DetectionRule } from './session-scoring';

/** Hyper-parameters that define a trained model. */
export interface ModelConfig {
  /** Window length h. */
  window: number;
  /** Top-g rule. */
  topG: number;
  /** LSTM units per layer. */
  hidden: number;
  /** Stacked LSTM layers. */
  layers: number;
  /** Probability floor: an actual key below it is anomalous even inside the top g (default 0 = top-g only). */
  minProbability?: number;
  /** Per-key floors overriding `minProbability` (key or "<end>" → floor). */
  keyMinProbability?: Record<string, number>;
  /** A key outside the top g with at least this probability is accepted (absent = pure top-g; see {@link DetectionRule}). */
  acceptProbability?: number;
}

/** A trained DeepLog model in memory: vocabulary, configuration, parameters, training summary. */
export class DeepLogModel {
  /** Parameter layout of the network. */
  readonly layout: ParamLayout;

  constructor(
    readonly vocabulary: Vocabulary,
    readonly config: ModelConfig,
    readonly params: Float32Array,
    readonly training: TrainingSummary,
  ) {
    this.layout = paramLayout(this.shape);
    if (params.length !== this.layout.size) throw new DeepLogError('INVALID_MODEL', 'parameters do not match the model shape');
  }

  /** The detection rule: top-g and the probability floor of every vocabulary entry. */
  get rule(): DetectionRule {
    const keyFloors = this.config.keyMinProbability ?? {};
    const base = this.config.minProbability ?? 0;
    const floors = this.vocabulary.tokens.map((t) => keyFloors[t] ?? base);
    const rule: DetectionRule = { topG: this.config.topG, minProbability: base, floors };
    if (this.config.acceptProbability !== undefined) rule.acceptProbability = this.config.acceptProbability;
    return rule;
  }

  /** Network shape (vocabulary size, hidden units, layers). */
  get shape(): NetShape {
    return { vocab: this.vocabulary.size, hidden: this.config.hidden, layers: this.config.layers };
  }

  /** The `deeplog.json` document of this model. */
  toJSON(): DeepLogModelJson {
    return {
      format: 'deeplog',
      formatVersion: 1,
      vocabulary: [...this.vocabulary.tokens],
      window: this.config.window,
      topG: this.config.topG,
      minProbability: this.config.minProbability ?? 0,
      keyMinProbability: this.config.keyMinProbability ?? {},
      ...(this.config.acceptProbability !== undefined ? { acceptProbability: this.config.acceptProbability } : {}),
      padKey: PAD_TOKEN,
      endKey: END_TOKEN,
      hiddenSize: this.config.hidden,
      layers: this.config.layers,
      onnx: { input: ONNX_INPUT, output: ONNX_OUTPUT, opset: ONNX_OPSET },
      training: this.training,
    };
  }

  /** The `deeplog.onnx` bytes of this model. */
  toOnnx(): Uint8Array {
    return exportOnnx(this.shape, this.config.window, this.params);
  }

  /** Rebuilds a model from `deeplog.onnx` bytes and `deeplog.json` (object or text). */
  static fromFiles(onnxBytes: Uint8Array, json: unknown): DeepLogModel {
    const j = parseModelJson(json);
    const vocab = new Vocabulary(j.vocabulary);
    const config: ModelConfig = { window: j.window, topG: j.topG, hidden: j.hiddenSize, layers: j.layers, minProbability: j.minProbability ?? 0, keyMinProbability: j.keyMinProbability ?? {} };
    if (j.acceptProbability !== undefined) config.acceptProbability = j.acceptProbability;
    const params = importOnnx(onnxBytes, { vocab: vocab.size, hidden: j.hiddenSize, layers: j.layers });
    return new DeepLogModel(vocab, config, params, j.training);
  }

  /**
   * TypeScript forward pass (the reference the ONNX graph must equal): `inputs` holds
   * `count` windows of key indices; returns probabilities, count × V.
   */
  predict(inputs: Int32Array, count: number): Float32Array {
    return predictWindows(this.layout, this.config.window, this.params, inputs, count);
  }
}
