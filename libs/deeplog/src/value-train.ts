/**
 * Trains the parameter-value models (./value-model): per key, the key's vectors in arrival
 * order are cut into windows (the previous h vectors → the next one), a seeded share is held
 * out, the key model's LSTM trainer (`trainWindows`, value mode: squared error) fits the rest,
 * and the held-out errors give each component's Gaussian. The confidence of the interval is
 * chosen on those held-out vectors only (see {@link VALUE_Z_CANDIDATES}).
 */
import { SeededRandom } from '@log-sentinel/seeded-random';
import { DeepLogError } from './errors';
import { initParams, paramLayout } from './params';
import { trainWindows, type TrainingWindows } from './trainer';
import { confidenceOfZ, judgeValue, VALUES_FORMAT, zOfConfidence, type KeyValueModel, type SkippedKey, type ValuesJson, ValueModelSet } from './value-model';
import { chooseDims, fitNormalisation, normalise, rawVector, valueWindow, type ValueRecord } from './value-vectors';

/** Options of {@link trainValueModels}. */
export interface ValueTrainOptions {
  /** History window h (default 5). */
  window?: number;
  /** LSTM units (default 16): a few numbers per key need a small network. */
  hidden?: number;
  /** Stacked LSTM layers (default 1). */
  layers?: number;
  /** Maximum epochs per key (default 30). */
  epochs?: number;
  /** Epochs without held-out improvement before a key's training stops (default 3). */
  patience?: number;
  /** Windows per mini-batch (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Seed of initialisation, hold-out and shuffling (default 1). */
  seed?: number;
  /** Fewest training records of a key for a model (default 50: 10 held-out errors for its Gaussian). */
  minRecords?: number;
  /** Most recent records of a key used (default 3000). */
  maxRecords?: number;
  /** Share of a key's windows held out for the Gaussian and early stopping (default 0.2). */
  validationFraction?: number;
  /**
   * Two-sided confidence of the interval, or 'auto' (default): the interval of the lowest of
   * {@link VALUE_Z_CANDIDATES} that flags at most `maxFlagRate` of the held-out vectors.
   */
  confidence?: number | 'auto';
  /** Largest share of held-out (normal) vectors the automatic choice may flag (default 0.001; libs/pipeline sets it per session length). */
  maxFlagRate?: number;
  /** Stop starting new keys after this much time (measured with `clock`); the rest are skipped as `time_budget`. */
  timeBudgetMs?: number;
  /** Clock in ms for `timeBudgetMs`. */
  clock?: () => number;
  /** Called after every key. */
  onKey?: (done: number, total: number) => void;
}

/**
 * Candidate half-widths z (in standard deviations) of the automatic choice, lowest first: the
 * intervals of confidence 0.99, 0.999, … 1 − 1e-10 (z 2.58 … 6.47), then 8, 10, 12, 15, 20 —
 * errors with an exponential tail (the time between interleaved records) need more than any
 * confidence a double can tell from 1.
 */
export const VALUE_Z_CANDIDATES: readonly number[] = [...[0.99, 0.999, 0.9999, 0.99999, 0.999999, 0.99999999, 0.9999999999].map(zOfConfidence), 8, 10, 12, 15, 20];

/** Defaults of {@link ValueTrainOptions}. */
export const VALUE_TRAIN_DEFAULTS = {
  window: 5, hidden: 16, layers: 1, epochs: 30, patience: 3, batchSize: 32, learningRate: 0.01, seed: 1,
  minRecords: 50, maxRecords: 3000, validationFraction: 0.2, confidence: 'auto' as number | 'auto', maxFlagRate: 0.001,
};

/** Windows of one key's normalised vectors: inputs count × h × width, targets count × width. */
function keyWindows(vectors: readonly Float32Array[], rows: readonly number[], window: number, width: number): TrainingWindows & { inputs: Float32Array; targets: Float32Array } {
  const count = rows.length;
  const inputs = new Float32Array(count * window * width);
  const targets = new Float32Array(count * width);
  rows.forEach((t, i) => {
    valueWindow(vectors.slice(Math.max(0, t - window), t), window, width, inputs, i * window * width);
    targets.set(vectors[t]!, i * width);
  });
  return { count, inputs, targets, weights: new Float32Array(count).fill(1) };
}

/** Trains a value model for every key of `records` (all normal, in arrival order) that has numeric components and enough records. */
export async function trainValueModels(records: readonly ValueRecord[], options: ValueTrainOptions = {}): Promise<ValueModelSet> {
  const o = { ...VALUE_TRAIN_DEFAULTS, ...options };
  for (const k of ['window', 'hidden', 'layers', 'epochs', 'patience', 'batchSize', 'minRecords', 'maxRecords'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new DeepLogError('INVALID_OPTIONS', `${k} must be a positive integer`);
  }
  if (o.confidence !== 'auto') zOfConfidence(o.confidence); // validates
  if (!(o.maxFlagRate >= 0 && o.maxFlagRate < 1)) throw new DeepLogError('INVALID_OPTIONS', 'maxFlagRate must be in [0, 1)');
  if (!(o.validationFraction > 0 && o.validationFraction < 1)) throw new DeepLogError('INVALID_OPTIONS', 'validationFraction must be in (0, 1)');
  const started = o.clock?.() ?? 0;
  const byKey = new Map<string, ValueRecord[]>();
  for (const r of records) {
    let list = byKey.get(r.key);
    if (!list) byKey.set(r.key, (list = []));
    list.push(r);
  }
  // most records first: under a time budget the keys that matter most are trained
  const keys = [...byKey.keys()].sort((a, b) => byKey.get(b)!.length - byKey.get(a)!.length || (a < b ? -1 : 1));
  const models: KeyValueModel[] = [];
  const params = new Map<string, Float32Array>();
  const skipped: SkippedKey[] = [];
  const heldOut: { model: KeyValueModel; actual: Float32Array[]; pred: Float32Array }[] = [];
  let done = 0;
  for (const key of keys) {
    const list = byKey.get(key)!;
    done++;
    const { dims, paramCount } = chooseDims(list);
    if (dims.length === 0) {
      skipped.push({ key, records: list.length, reason: 'no_numeric_parameters' });
      continue;
    }
    if (list.length < o.minRecords) {
      skipped.push({ key, records: list.length, reason: 'too_few_records' });
      continue;
    }
    if (o.timeBudgetMs !== undefined && o.clock && o.clock() - started >= o.timeBudgetMs) {
      skipped.push({ key, records: list.length, reason: 'time_budget' });
      continue;
    }
    const recent = list.slice(-o.maxRecords);
    const raw = recent.map((r) => rawVector(dims, paramCount, r));
    const width = dims.length;
    const norm = fitNormalisation(raw, width);
    const vectors = raw.map((v) => normalise(v, norm));
    const rnd = new SeededRandom(o.seed);
    const order = rnd.shuffle(Int32Array.from({ length: vectors.length }, (_, i) => i));
    const nVal = Math.max(1, Math.floor(vectors.length * o.validationFraction));
    const valRows = Array.from(order.subarray(0, nVal)).sort((a, b) => a - b);
    const trainRows = Array.from(order.subarray(nVal)).sort((a, b) => a - b);
    const train = keyWindows(vectors, trainRows, o.window, width);
    const val = keyWindows(vectors, valRows, o.window, width);
    const layout = paramLayout({ vocab: width, hidden: o.hidden, layers: o.layers, mode: 'values' });
    const p = initParams(layout, o.seed);
    const r = await trainWindows(layout, o.window, p, train, val, {
      epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, seed: o.seed, patience: o.patience, threads: 1,
    });
    const model: KeyValueModel = {
      key, file: `values-${models.length}.onnx`, dims, paramCount, scale: norm.scale, mean: norm.mean, std: norm.std, errorMean: [], errorStd: [],
      training: { records: list.length, trainWindows: train.count, validationWindows: val.count, epochs: r.epochs, bestEpoch: r.bestEpoch, trainLoss: r.trainLoss, validationLoss: r.validationLoss },
    };
    const set = new ValueModelSet({ format: VALUES_FORMAT, version: 1, window: o.window, hidden: o.hidden, layers: o.layers, confidence: 0.5, z: 1, calibration: null, minRecords: o.minRecords, models: [model], skipped: [] }, new Map([[key, p]]));
    const pred = set.predict(key, val.inputs, val.count);
    // Gaussian of the held-out errors per component
    for (let d = 0; d < width; d++) {
      let n = 0, s = 0, s2 = 0;
      for (let i = 0; i < val.count; i++) {
        const t = val.targets[i * width + d]!;
        if (Number.isNaN(t)) continue;
        const e = t - pred[i * width + d]!;
        n++;
        s += e;
        s2 += e * e;
      }
      const m = n > 0 ? s / n : 0;
      model.errorMean.push(m);
      model.errorStd.push(n > 1 ? Math.sqrt(Math.max(0, s2 / n - m * m)) : 1);
    }
    heldOut.push({ model, actual: valRows.map((t) => vectors[t]!), pred });
    models.push(model);
    params.set(key, p);
    o.onKey?.(done, keys.length);
  }

  // The interval: the configured confidence, or the lowest candidate flagging at most maxFlagRate of the held-out vectors.
  let z: number;
  let calibration: ValuesJson['calibration'] = null;
  if (o.confidence === 'auto') {
    const stats: number[] = [];
    for (const h of heldOut) h.actual.forEach((a, i) => stats.push(judgeValue(h.model, Infinity, a, h.pred, i * a.length).zScore));
    const levels = VALUE_Z_CANDIDATES.map((zc) => ({ z: zc, confidence: confidenceOfZ(zc), flagRate: stats.length > 0 ? stats.filter((s) => s > zc).length / stats.length : 0 }));
    z = (levels.find((l) => l.flagRate <= o.maxFlagRate) ?? levels[levels.length - 1]!).z;
    calibration = { maxFlagRate: o.maxFlagRate, levels, validationVectors: stats.length };
  } else z = zOfConfidence(o.confidence);
  const json: ValuesJson = {
    format: VALUES_FORMAT, version: 1, window: o.window, hidden: o.hidden, layers: o.layers,
    confidence: confidenceOfZ(z), z, calibration, minRecords: o.minRecords, models, skipped,
  };
  return new ValueModelSet(json, params);
}
