/**
 * DeepLog's parameter-value model (§3.2): per log key, an LSTM (the key model's network in
 * value mode, ./lstm) predicts the next parameter value vector from the key's previous ones;
 * the prediction errors on held-out vectors are modelled as a Gaussian per dimension, and an
 * error outside the confidence interval flags the record, naming the parameter.
 */
import { DeepLogError } from './errors';
import { predictWindows } from './lstm';
import { parseModelFileJson } from './model-file-json';
import { exportOnnx, importOnnx } from './onnx-export';
import { paramLayout, type NetShape } from './params';
import { denormalise, normalise, rawVector, type ValueDim, type ValueScale } from './value-vectors';

/** `format` tag of values.json. */
export const VALUES_FORMAT = 'log-sentinel.values';
/** Reason of a record whose parameter value vector is outside the confidence interval. */
export const PARAMETER_VALUE = 'deeplog.parameter_value';
/** Lowest standard deviation of a dimension's prediction error (normalised units): a near-exact dimension still tolerates small changes. */
export const MIN_ERROR_STD = 0.05;

/** The value model of one log key. */
export interface KeyValueModel {
  /** Log key (template id). */
  key: string;
  /** ONNX file of its network inside the version directory. */
  file: string;
  /** Components of the vector. */
  dims: ValueDim[];
  /** Parameters of the key's template (a record with another count has no parameter components). */
  paramCount: number;
  /** Scale of each component (log or linear: the less skewed in training). */
  scale: ValueScale[];
  /** Training mean per component, on its scale. */
  mean: number[];
  /** Training standard deviation per component, on its scale. */
  std: number[];
  /** Mean of the held-out prediction errors per component (normalised units). */
  errorMean: number[];
  /** Standard deviation of the held-out prediction errors per component (normalised units). */
  errorStd: number[];
  /** Training records of the key, windows trained on and held out, epochs, losses. */
  training: { records: number; trainWindows: number; validationWindows: number; epochs: number; bestEpoch: number; trainLoss: number; validationLoss: number | null };
}

/** A key that got no value model, and why. */
export interface SkippedKey {
  /** Log key. */
  key: string;
  /** Its training records. */
  records: number;
  /** `too_few_records` (below `minRecords`), `no_numeric_parameters` (nothing to model) or `time_budget`. */
  reason: 'too_few_records' | 'no_numeric_parameters' | 'time_budget';
}

/** Contents of values.json. */
export interface ValuesJson {
  /** Always {@link VALUES_FORMAT}. */
  format: typeof VALUES_FORMAT;
  /** Layout version. */
  version: 1;
  /** History window h (vectors of the same key before the predicted one). */
  window: number;
  /** LSTM units per layer of every key's network. */
  hidden: number;
  /** Stacked LSTM layers of every key's network. */
  layers: number;
  /** Two-sided confidence of the interval (e.g. 0.9999; 1 when z is beyond what a double tells from 1). */
  confidence: number;
  /** Half-width of the interval: flagged beyond z standard deviations (the rule uses z). */
  z: number;
  /** How z was chosen: the candidates and the share of held-out vectors each flags. */
  calibration: { maxFlagRate: number; levels: { z: number; confidence: number; flagRate: number }[]; validationVectors: number } | null;
  /** Fewest training records of a key for a value model. */
  minRecords: number;
  /** Every modelled key. */
  models: KeyValueModel[];
  /** Keys without a value model. */
  skipped: SkippedKey[];
}

/** The decision on one vector: the component furthest outside its interval. */
export interface ValueDecision {
  /** Outside the interval. */
  isAnomaly: boolean;
  /** Index of the worst component (-1: no component present). */
  dim: number;
  /** Its |error − mean| / std (0 when none). */
  zScore: number;
}

/** z of a two-sided Gaussian interval of confidence `c` (bisection on erfc, no tables). */
export function zOfConfidence(c: number): number {
  if (!(c > 0 && c < 1)) throw new DeepLogError('INVALID_OPTIONS', `confidence must be in (0, 1), got ${c}`);
  let lo = 0, hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (erfc(mid / Math.SQRT2) > 1 - c) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Two-sided confidence of a Gaussian interval of half-width z standard deviations. */
export function confidenceOfZ(z: number): number {
  return 1 - erfc(z / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** The rule: the component whose error is furthest from its Gaussian; flagged beyond `z` standard deviations. */
export function judgeValue(m: KeyValueModel, z: number, actual: Float32Array, predicted: Float32Array, predOff = 0): ValueDecision {
  let dim = -1, worst = 0;
  for (let d = 0; d < m.dims.length; d++) {
    const a = actual[d]!;
    if (Number.isNaN(a)) continue;
    const s = Math.abs(a - predicted[predOff + d]! - m.errorMean[d]!) / Math.max(MIN_ERROR_STD, m.errorStd[d]!);
    if (dim < 0 || s > worst) {
      dim = d;
      worst = s;
    }
  }
  return { isAnomaly: dim >= 0 && worst > z, dim, zScore: worst };
}

/** Readable name of a component: `parameter 2` or `time since the previous record of the session`. */
export function dimName(d: ValueDim): string {
  return d.kind === 'elapsed' ? 'time since the previous record of the session (ms)' : `parameter ${d.position}`;
}

function fmt(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 0.01)) return x.toPrecision(3);
  return a >= 100 ? String(Math.round(x)) : String(Number(x.toPrecision(3)));
}

/**
 * 'parameter 2 of "Took <*> ms" = 9120, expected 80 (45–140)': the observed value, the
 * value the model expected and the interval it accepts, back on the parameter's own scale.
 */
export function explainValue(m: KeyValueModel, z: number, dim: number, observed: number, predicted: Float32Array, predOff: number, template: string): string {
  const norm = m;
  const centre = predicted[predOff + dim]! + m.errorMean[dim]!;
  const half = z * Math.max(MIN_ERROR_STD, m.errorStd[dim]!);
  const expected = denormalise(centre, dim, norm);
  let lo = denormalise(centre - half, dim, norm);
  const hi = denormalise(centre + half, dim, norm);
  if (m.dims[dim]!.kind === 'elapsed') lo = Math.max(0, lo); // a duration: nothing below 0 to accept
  return `${dimName(m.dims[dim]!)} of "${template}" = ${fmt(observed)}, expected ${fmt(expected)} (${fmt(lo)}–${fmt(hi)})`;
}

/** Network shape of a key's model. */
export function valueShape(m: KeyValueModel, json: Pick<ValuesJson, 'hidden' | 'layers'>): NetShape {
  return { vocab: m.dims.length, hidden: json.hidden, layers: json.layers, mode: 'values' };
}

/** The value models of a version: values.json plus one network per key (parameters, exported to ONNX on demand). */
export class ValueModelSet {
  private readonly byKey: Map<string, { model: KeyValueModel; params: Float32Array }>;

  constructor(
    /** values.json contents. */
    readonly json: ValuesJson,
    params: Map<string, Float32Array>,
  ) {
    this.byKey = new Map(json.models.map((m) => [m.key, { model: m, params: params.get(m.key)! }]));
  }

  /** z of the configured confidence. */
  get z(): number {
    return this.json.z;
  }

  /** The model of a key, if it has one. */
  model(key: string): KeyValueModel | undefined {
    return this.byKey.get(key)?.model;
  }

  /** Normalised vector of a record for `key` (NaN = missing); undefined when the key has no model. */
  vector(key: string, r: { params: readonly string[]; elapsedMs: number | undefined }): { raw: Float64Array; norm: Float32Array } | undefined {
    const m = this.model(key);
    if (!m) return undefined;
    const raw = rawVector(m.dims, m.paramCount, r);
    return { raw, norm: normalise(raw, m) };
  }

  /** TypeScript forward pass: `count` windows (count × window × width) → predicted vectors (count × width). */
  predict(key: string, inputs: Float32Array, count: number): Float32Array {
    const e = this.byKey.get(key);
    if (!e) throw new DeepLogError('INVALID_MODEL', `no value model for key ${key}`);
    return predictWindows(paramLayout(valueShape(e.model, this.json)), this.json.window, e.params, inputs, count);
  }

  /** The files of the set: values.json and one ONNX network per modelled key. */
  files(): { name: string; data: Uint8Array | string }[] {
    const out: { name: string; data: Uint8Array | string }[] = [{ name: VALUES_FILE, data: JSON.stringify(this.json) }];
    for (const { model, params } of this.byKey.values()) out.push({ name: model.file, data: exportOnnx(valueShape(model, this.json), this.json.window, params) });
    return out;
  }

  /** Reads values.json and the networks it names (`file(name)` returns their bytes); DeepLogError 'INVALID_MODEL' naming the problem. */
  static fromFiles(jsonText: string, file: (name: string) => Uint8Array | undefined): ValueModelSet {
    const json = parseValuesJson(jsonText);
    const params = new Map<string, Float32Array>();
    for (const m of json.models) {
      const bytes = file(m.file);
      if (!bytes) throw new DeepLogError('INVALID_MODEL', `${VALUES_FILE} names ${m.file}, which is missing`);
      params.set(m.key, importOnnx(bytes, valueShape(m, json)));
    }
    return new ValueModelSet(json, params);
  }
}

/** File name of the value models' description. */
export const VALUES_FILE = 'values.json';

/** Parses values.json; DeepLogError 'INVALID_MODEL' naming the problem. */
export function parseValuesJson(text: string): ValuesJson {
  const { json, bad } = parseModelFileJson<ValuesJson>(text, VALUES_FILE);
  const o = json as ValuesJson;
  if (!o || typeof o !== 'object' || o.format !== VALUES_FORMAT) bad(`format must be "${VALUES_FORMAT}"`);
  if (o.version !== 1) bad(`version ${JSON.stringify(o.version)} is not supported (this build reads 1)`);
  for (const k of ['window', 'hidden', 'layers'] as const) if (!Number.isInteger(o[k]) || o[k] < 1) bad(`${k} must be a positive integer`);
  if (!(o.z > 0 && Number.isFinite(o.z)) || !(o.confidence > 0 && o.confidence <= 1)) bad('z must be positive (confidence in (0, 1])');
  if (!Array.isArray(o.models) || !Array.isArray(o.skipped)) bad('models and skipped must be lists');
  for (const m of o.models) {
    const n = Array.isArray(m.dims) ? m.dims.length : 0;
    if (typeof m.key !== 'string' || typeof m.file !== 'string' || n === 0) bad('every model needs key, file and dims');
    if (!Array.isArray(m.scale) || m.scale.length !== n || !m.scale.every((x) => x === 'log' || x === 'linear')) bad(`model of key ${m.key}: scale must hold ${n} of "log", "linear"`);
    for (const k of ['mean', 'std', 'errorMean', 'errorStd'] as const) {
      if (!Array.isArray(m[k]) || m[k].length !== n || !m[k].every((x) => typeof x === 'number' && Number.isFinite(x))) bad(`model of key ${m.key}: ${k} must hold ${n} numbers`);
    }
  }
  return o;
}
