import { exportOnnx, importOnnx, ONNX_OUTPUT, paramLayout, predictWindows, VALUE_ONNX_INPUT, type NetShape, type ParamLayout } from '@log-sentinel/deeplog';
import { LogAnomalyError } from './errors';
import { TemplateSemantics, type SemanticsJson } from './semantics';
import { WindowEncoder } from './windows';

/** Format tag of `loganomaly.json`. */
export const LOGANOMALY_FORMAT = 'log-sentinel.loganomaly';

/** File names of a LogAnomaly model inside a model-registry version directory. */
export const LOGANOMALY_FILES = { onnx: 'loganomaly.onnx', json: 'loganomaly.json' } as const;

/**
 * How g is chosen from the validation curves: the smallest g whose share of validation
 * `sessions` flagged (a session is flagged when any of its next keys falls outside the top g)
 * or of validation `transitions` missed (next keys and ends ranked below g) is at most `budget`.
 */
export interface TopGRule {
  per: 'session' | 'transition';
  budget: number;
}

/** How top-g was chosen on the validation sessions. */
export interface TopGCalibration {
  /** The rule (models written before it existed have only `maxValidationFlagRate`: a per-session rule). */
  rule?: TopGRule;
  /** Highest share of validation sessions the chosen g may flag (per-session rule; kept for older readers). */
  maxValidationFlagRate?: number;
  /** Validation sessions (held out of training, all keys known). */
  validationSessions: number;
  /** Next keys and ends of the validation sessions. */
  validationTransitions?: number;
  /** Share of validation sessions flagged at g = 1, 2, … classes. */
  flagRateByG: number[];
  /** Share of validation transitions ranked below g, at g = 1, 2, … classes. */
  missRateByG?: number[];
}

/** g chosen by `rule` from the validation curves (the number of classes when no g meets the budget). */
export function chooseTopG(c: Pick<TopGCalibration, 'flagRateByG' | 'missRateByG'>, rule: TopGRule): number {
  const curve = rule.per === 'session' ? c.flagRateByG : c.missRateByG;
  if (!curve) throw new LogAnomalyError('INVALID_MODEL', `no validation curve for a per-${rule.per} rule`);
  const i = curve.findIndex((rate) => rate <= rule.budget);
  return i < 0 ? curve.length : i + 1;
}

/** LogAnomaly's network: one LSTM on the concatenated patterns, or one LSTM per pattern (the paper's). */
export type LogAnomalyArchitecture = 'one' | 'two';

/** The architectures, for option checks. */
export const LOGANOMALY_ARCHITECTURES: readonly LogAnomalyArchitecture[] = ['one', 'two'];

/** `loganomaly.json`. */
export interface LogAnomalyJson {
  format: typeof LOGANOMALY_FORMAT;
  version: 1;
  /** Window length h. */
  window: number;
  /** LSTM units per layer. */
  hidden: number;
  /** Stacked LSTM layers. */
  layers: number;
  /** Top-g rule: the next key must be among the g highest scored classes. */
  topG: number;
  /**
   * How the LSTM was trained: 'dense' (softmax cross-entropy on the next class; what
   * `trainLogAnomaly` writes) or 'values' (squared error on the one-hot next class; models
   * written before the dense mode existed, which have no `mode`).
   */
  mode?: 'dense' | 'values';
  /**
   * The network: 'one' LSTM stack over the concatenated step vector [semantic vector, counts]
   * (absent = 'one': every model written before the choice existed), or 'two' stacks as the
   * paper — one over the semantic vectors (sequential pattern), one over the count vectors
   * (quantitative pattern) — whose last hidden states are concatenated before the one softmax
   * layer (dense mode only). The ONNX input and output are the same for both.
   */
  architecture?: LogAnomalyArchitecture;
  /** Template semantics; its keys are the known keys, in class order (then `<end>`). */
  semantics: SemanticsJson;
  /** Template texts of keys not seen in training (used to map them when they occur). */
  catalogue: Record<string, string>;
  /** How `topG` was chosen. */
  calibration: TopGCalibration;
  /** Training summary. */
  training: Record<string, number | string | null>;
  /** ONNX input / output names: float [batch, window, width] → [batch, width]. */
  onnx: { input: string; output: string };
}

/** A trained LogAnomaly model: semantics, encoder, LSTM parameters. */
export class LogAnomalyModel {
  /** The template semantics (known keys, unseen-template mapping). */
  readonly semantics: TemplateSemantics;
  /** Input encoder. */
  readonly encoder: WindowEncoder;
  /** LSTM parameter layout (dense mode: input width = output width = dims + K; architecture 'two': stacks over [dims, K]). */
  readonly layout: ParamLayout;
  private readonly keyIndex: Map<string, number>;

  constructor(readonly json: LogAnomalyJson, readonly params: Float32Array) {
    this.semantics = new TemplateSemantics(json.semantics);
    const s = this.semantics;
    const vectors = new Float32Array(s.keys.length * s.dims);
    s.keys.forEach((_, i) => vectors.set(s.keyVector(i), i * s.dims));
    this.encoder = new WindowEncoder(vectors, s.dims, s.keys.length, json.window);
    this.layout = paramLayout(netShape(json));
    if (params.length !== this.layout.size) throw new LogAnomalyError('INVALID_MODEL', 'parameters do not match the model shape');
    this.keyIndex = new Map(s.keys.map((k, i) => [k, i]));
  }

  /** Class index of a known key (undefined when unseen). */
  indexOf(key: string): number | undefined {
    return this.keyIndex.get(key);
  }

  /** Template text of a key: known keys have none stored, unseen ones from the catalogue. */
  textOf(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.json.catalogue, key) ? this.json.catalogue[key] : undefined;
  }

  /** TypeScript forward pass: scores (count × width; the first K + 1 are the classes). */
  predict(inputs: Float32Array, count: number): Float32Array {
    return predictWindows(this.layout, this.json.window, this.params, inputs, count);
  }

  /** `loganomaly.onnx` bytes. */
  toOnnx(): Uint8Array {
    return exportOnnx(this.layout.shape, this.json.window, this.params);
  }

  /** Rebuilds a model from `loganomaly.onnx` and `loganomaly.json` (object or text). */
  static fromFiles(onnxBytes: Uint8Array, json: unknown): LogAnomalyModel {
    const j = parseJson(json);
    try {
      return new LogAnomalyModel(j, importOnnx(onnxBytes, netShape(j)));
    } catch (e) {
      if (e instanceof LogAnomalyError) throw e;
      throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.onnx}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}

/** ONNX names of the dense-mode graph of libs/deeplog (float vectors in, softmax out). */
export const LOGANOMALY_ONNX = { input: VALUE_ONNX_INPUT, output: ONNX_OUTPUT } as const;

/**
 * The LSTM's shape: dense vectors of `width` in, `width` outputs (the first K + 1 are the
 * classes); architecture 'two': one stack over the first `dims` components (the semantic
 * vector), one over the other K (the counts).
 */
export function netShape(json: Pick<LogAnomalyJson, 'hidden' | 'layers' | 'mode' | 'architecture'> & { semantics: Pick<SemanticsJson, 'dims' | 'keys'> }): NetShape {
  const { dims, keys } = json.semantics;
  const shape: NetShape = { vocab: dims + keys.length, hidden: json.hidden, layers: json.layers, mode: json.mode ?? 'values' };
  return json.architecture === 'two' ? { ...shape, streams: [dims, keys.length] } : shape;
}

function parseJson(json: unknown): LogAnomalyJson {
  let j: unknown = json;
  if (typeof json === 'string') {
    try {
      j = JSON.parse(json);
    } catch (e) {
      throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json} is not JSON`, { cause: e });
    }
  }
  const o = j as Partial<LogAnomalyJson> | null;
  if (!o || typeof o !== 'object' || o.format !== LOGANOMALY_FORMAT || o.version !== 1) {
    throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: not a ${LOGANOMALY_FORMAT} version 1 document`);
  }
  if (o.mode !== undefined && o.mode !== 'dense' && o.mode !== 'values') throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: mode must be "dense" or "values"`);
  if (o.architecture !== undefined && !LOGANOMALY_ARCHITECTURES.includes(o.architecture)) {
    throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: architecture must be "one" or "two" (got ${JSON.stringify(o.architecture)})`);
  }
  if (o.architecture === 'two' && o.mode !== 'dense') throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: architecture "two" needs mode "dense"`);
  for (const k of ['window', 'hidden', 'layers', 'topG'] as const) {
    if (!Number.isInteger(o[k]) || (o[k] as number) < 1) throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: ${k} must be a positive integer`);
  }
  const s = o.semantics;
  if (!s || !Array.isArray(s.keys) || !Array.isArray(s.words) || s.keyVectors?.length !== s.keys.length * s.dims || s.wordVectors?.length !== s.words.length * s.dims) {
    throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.json}: semantics are missing or inconsistent`);
  }
  return { ...o, catalogue: o.catalogue ?? {} } as LogAnomalyJson;
}
