import { Adam } from './adam';
import { DeepLogError } from './errors';
import { GradientEngine } from './gradient-engine';
import type { WindowData } from './gradient-part';
import { predictWindows } from './lstm';
import { DeepLogModel, type ModelConfig } from './model';
import type { TrainingSummary } from './model-json';
import { initParams, paramLayout, type ParamLayout } from './params';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { collectWindows, scoreIndexedSessions } from './session-scoring';
import { rankOf } from './scoring';
import { buildWindows, paddedSession } from './windows';
import { END_INDEX, END_TOKEN, Vocabulary, type LogKey } from './vocabulary';

/** Training options; every field has a default chosen on a validation split of HDFS training data. */
export interface TrainOptions {
  /** Window length h (default 10). */
  window?: number;
  /** Top-g rule (default 9). */
  topG?: number;
  /** LSTM units per layer (default 64). */
  hidden?: number;
  /** Stacked LSTM layers (default 2). */
  layers?: number;
  /** Maximum epochs (default 60). */
  epochs?: number;
  /** Distinct windows per mini-batch (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Seed of initialisation, split and shuffling (default 1). */
  seed?: number;
  /** Share of sessions held out for early stopping (default 0.1; 0 disables). */
  validationFraction?: number;
  /** Epochs without validation improvement before stopping (default 4). */
  patience?: number;
  /** Threads computing gradients: 1, or 2 for main + one worker (default 2). */
  threads?: number;
  /** Weight of a distinct training window: its count raised to this power (default 1 = the plain likelihood; 0.5 = square root). */
  weightExponent?: number;
  /** Lowest weight of a distinct window, so rare normal transitions are still fitted (default 10). */
  minWindowWeight?: number;
  /** Stop after this much time (measured with `clock`) and keep the best epoch so far (default: no limit). */
  timeBudgetMs?: number;
  /** Clock in ms for `timeBudgetMs` (the library has none of its own), e.g. `performance.now`. */
  clock?: () => number;
  /**
   * Probability floors of the detection rule: 'auto' (default) calibrates them on the
   * normal training sessions — the end of a session gets `floorFactor` × the lowest
   * probability the model gave `<end>` where a session really ended (inside the top g);
   * keys keep the pure top-g rule (a key floor flagged held-out normal sessions). A number
   * sets one floor for everything; 0 = the pure top-g rule.
   */
  minProbability?: number | 'auto';
  /** Margin of the automatic floors (default 0.25). */
  floorFactor?: number;
  /**
   * Relaxed top-g for keys: a key ranked below g is still accepted when the model gives it
   * at least this probability (default 3e-4, chosen by 2-fold cross-validation on HDFS
   * training data; 0 = the pure top-g rule). Stored as `acceptProbability`; the end of a
   * session keeps top-g + its floor.
   */
  acceptProbability?: number;
  /**
   * Probability floor for keys, calibrated on the training sessions: `keyFloorFactor` ×
   * the `keyFloorQuantile` quantile of the probabilities the trained model gives the
   * actual keys of its training sessions (the end excluded; it has its own floor). A key
   * below the floor is flagged whatever its rank: with many candidates (an interleaved
   * application log) a step the model gives almost no chance can still rank inside the top
   * g. 0 (either) = no key floor. Stored as `minProbability`. Chosen by cross-validation on
   * training data (docs/deeplog.md).
   */
  keyFloorQuantile?: number;
  /** Margin of the key floor (see `keyFloorQuantile`). */
  keyFloorFactor?: number;
  /** Called after every epoch. */
  onEpoch?: (p: EpochProgress) => void;
}

/** Progress of one epoch. */
export interface EpochProgress {
  /** 1-based epoch number. */
  epoch: number;
  /** Maximum epochs. */
  epochs: number;
  /** Mean cross-entropy per training window. */
  trainLoss: number;
  /** Mean cross-entropy per validation window (null without validation). */
  validationLoss: number | null;
  /** Whether this epoch's parameters are the best so far. */
  best: boolean;
}

/** Defaults of {@link TrainOptions}. */
export const TRAIN_DEFAULTS: Required<Omit<TrainOptions, 'onEpoch' | 'timeBudgetMs' | 'clock'>> = {
  window: 10, topG: 9, hidden: 64, layers: 2, epochs: 60, batchSize: 32,
  learningRate: 0.01, seed: 1, validationFraction: 0.1, patience: 4, threads: 2, weightExponent: 1, minWindowWeight: 10, minProbability: 'auto', floorFactor: 0.25, acceptProbability: 3e-4,
  keyFloorQuantile: 0.01, keyFloorFactor: 0,
} as const;

function checkSessions(sessions: readonly (readonly LogKey[])[]): void {
  sessions.forEach((s, i) => {
    if (s.length === 0) throw new DeepLogError('INVALID_SESSION', `session ${i + 1} is empty`);
  });
}

/** Windows {@link trainWindows} learns from: key windows (`WindowSet`, ./windows) or value windows (./value-train). */
export interface TrainingWindows extends WindowData {
  /** Number of windows. */
  count: number;
}

/** Mean weighted cross-entropy of `set` under `params` (forward only); value mode: mean weighted ½ squared error. */
function meanLoss(layout: ParamLayout, window: number, params: Float32Array, set: TrainingWindows): number {
  if (set.count === 0) return 0;
  const probs = predictWindows(layout, window, params, set.inputs, set.count);
  const V = layout.shape.vocab;
  let loss = 0, w = 0;
  if (layout.shape.mode === 'values') {
    for (let i = 0; i < set.count; i++) {
      for (let d = 0; d < V; d++) {
        const t = set.targets[i * V + d]!;
        if (!Number.isNaN(t)) loss += 0.5 * set.weights[i]! * (probs[i * V + d]! - t) ** 2;
      }
      w += set.weights[i]!;
    }
    return loss / w;
  }
  for (let i = 0; i < set.count; i++) {
    loss -= set.weights[i]! * Math.log(Math.max(probs[i * V + set.targets[i]!]!, 1e-30));
    w += set.weights[i]!;
  }
  return loss / w;
}

function emptySummary(): TrainingSummary {
  return { stoppedBy: 'max-epochs', sessions: 0, validationSessions: 0, windows: 0, distinctWindows: 0, epochs: 0, bestEpoch: 0, trainLoss: 0, validationLoss: null, validationFpRate: null, threads: 1, options: {}, fineTuneRounds: 0 };
}

/** Outcome of {@link trainWindows}. */
export interface LoopResult { epochs: number; bestEpoch: number; trainLoss: number; validationLoss: number | null; threads: number; stoppedBy: StopReason }

/** Why training ended. */
export type StopReason = 'early-stopping' | 'max-epochs' | 'time-budget';

/** Mini-batch Adam over `train`, early stopping on `val`; leaves the best (or, with `keepLast`, the last) parameters in `params`. */
export async function trainWindows(layout: ParamLayout, window: number, params: Float32Array, train: TrainingWindows, val: TrainingWindows | undefined,
  o: { epochs: number; batchSize: number; learningRate: number; seed: number; patience: number; threads: number; onEpoch?: ((p: EpochProgress) => void) | undefined; keepLast?: boolean; timeBudgetMs?: number | undefined; clock?: (() => number) | undefined }): Promise<LoopResult> {
  const started = o.clock?.() ?? 0;
  const outOfTime = (): boolean => o.timeBudgetMs !== undefined && o.clock !== undefined && o.clock() - started >= o.timeBudgetMs;
  const rnd = new SeededRandom(o.seed ^ 0x5eed);
  const engine = await GradientEngine.create(layout, window, train, { threads: o.threads, maxBatch: o.batchSize });
  try {
    const adam = new Adam(layout.size, { learningRate: o.learningRate });
    const grad = new Float32Array(layout.size);
    const order = Int32Array.from({ length: train.count }, (_, i) => i);
    const totalWeight = train.weights.reduce((a, b) => a + b, 0);
    const meanWeight = totalWeight / Math.max(1, train.count);
    let stoppedBy: StopReason = 'max-epochs';
    let best = Infinity, bestEpoch = 0, bad = 0, trainLoss = 0, epoch = 0, bestVal: number | null = null;
    const bestParams = params.slice();
    for (epoch = 1; epoch <= o.epochs; epoch++) {
      rnd.shuffle(order);
      let lossSum = 0;
      let batches = 0;
      for (let s = 0; s < train.count; s += o.batchSize) {
        const n = Math.min(o.batchSize, train.count - s);
        const batch = order.subarray(s, s + n);
        lossSum += await engine.gradient(params, batch, n, 1 / (n * meanWeight), grad);
        adam.step(params, grad);
        batches++;
        if (outOfTime()) break;
      }
      trainLoss = lossSum / Math.max(1, batches);
      if (!Number.isFinite(trainLoss)) throw new DeepLogError('TRAINING_FAILED', `training diverged at epoch ${epoch}`);
      const vl = val && val.count > 0 ? meanLoss(layout, window, params, val) : null;
      const score = vl ?? trainLoss;
      const isBest = score < best * (1 - 1e-3);
      if (isBest) {
        best = score;
        bestEpoch = epoch;
        bestVal = vl;
        bestParams.set(params);
        bad = 0;
      } else {
        bad++;
        // plateau: halve the step size, continue from the best parameters
        if (vl !== null) {
          adam.learningRate = Math.max(adam.learningRate * 0.5, o.learningRate / 64);
          params.set(bestParams);
        }
      }
      o.onEpoch?.({ epoch, epochs: o.epochs, trainLoss, validationLoss: vl, best: isBest });
      if (vl !== null && bad >= o.patience) {
        stoppedBy = 'early-stopping';
        break;
      }
      if (outOfTime()) {
        stoppedBy = 'time-budget';
        break;
      }
    }
    if (!o.keepLast) params.set(bestParams);
    return { epochs: Math.min(epoch, o.epochs), bestEpoch, trainLoss, validationLoss: bestVal, threads: engine.threads, stoppedBy };
  } finally {
    await engine.close();
  }
}

/** Lowest probability the model gives each actual key (by index) of `sessions`, among predictions inside the top g, and how often each occurred. */
function lowestNormalProbability(model: DeepLogModel, sessions: readonly (readonly LogKey[])[]): { lowest: number; perKey: Float64Array; counts: Int32Array; keyProbs: Float64Array } {
  const { window, topG } = model.config;
  const indexed = sessions.map((s) => paddedSession(s, model.vocabulary, window));
  const c = collectWindows(indexed, window);
  const probs = model.predict(c.inputs, c.count);
  const V = model.vocabulary.size;
  let lowest = 1;
  const perKey = new Float64Array(V).fill(1);
  const counts = new Int32Array(V);
  const keyProbs: number[] = [];
  indexed.forEach((p, s) => {
    const rows = c.rows[s]!;
    for (let t = 0; t < rows.length; t++) {
      const off = rows[t]! * V;
      const actual = p[window + t]!;
      counts[actual]++;
      if (actual !== END_INDEX) keyProbs.push(probs[off + actual]!);
      if (rankOf(probs, off, V, actual) <= topG) {
        lowest = Math.min(lowest, probs[off + actual]!);
        perKey[actual] = Math.min(perKey[actual]!, probs[off + actual]!);
      }
    }
  });
  return { lowest, perKey, counts, keyProbs: Float64Array.from(keyProbs).sort() };
}

/** The `q` quantile (0..1, lower) of ascending `sorted`; 0 when empty. */
export function lowerQuantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
}

/** Ascending probabilities `model` gives the actual keys (not the end) of `sessions`, one per occurrence. */
export function keyProbabilities(model: DeepLogModel, sessions: readonly (readonly LogKey[])[]): Float64Array {
  return lowestNormalProbability(model, sessions).keyProbs;
}

/** Trains a DeepLog model on normal sessions (each a list of log keys). */
export async function trainDeepLog(sessions: readonly (readonly LogKey[])[], options: TrainOptions = {}): Promise<DeepLogModel> {
  const o = { ...TRAIN_DEFAULTS, ...options };
  if (sessions.length === 0) throw new DeepLogError('NO_TRAINING_DATA', 'no sessions to train on');
  checkSessions(sessions);
  if (!(o.acceptProbability >= 0 && o.acceptProbability <= 1)) throw new DeepLogError('INVALID_OPTIONS', 'acceptProbability must be in [0, 1]');
  if (!(o.keyFloorQuantile >= 0 && o.keyFloorQuantile < 1)) throw new DeepLogError('INVALID_OPTIONS', 'keyFloorQuantile must be in [0, 1)');
  if (!(o.keyFloorFactor >= 0 && o.keyFloorFactor <= 1)) throw new DeepLogError('INVALID_OPTIONS', 'keyFloorFactor must be in [0, 1]');
  for (const k of ['window', 'topG', 'hidden', 'layers', 'epochs', 'batchSize', 'threads'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new DeepLogError('INVALID_OPTIONS', `${k} must be a positive integer`);
  }
  const vocab = Vocabulary.fromSessions(sessions);
  const rnd = new SeededRandom(o.seed);
  const idx = rnd.shuffle(Int32Array.from({ length: sessions.length }, (_, i) => i));
  const nVal = Math.floor(sessions.length * o.validationFraction);
  const valSessions = Array.from(idx.subarray(0, nVal), (i) => sessions[i]!);
  const trainSessions = Array.from(idx.subarray(nVal), (i) => sessions[i]!);
  const train = buildWindows(trainSessions, vocab, o.window);
  for (let i = 0; i < train.count; i++) train.weights[i] = Math.max(o.minWindowWeight, Math.pow(train.weights[i]!, o.weightExponent));
  // keys that occur only in validation sessions are unseen for the model; drop those sessions from validation
  const valKnown = valSessions.filter((s) => s.every((k) => vocab.indexOf(k) >= 0));
  const val = nVal > 0 ? buildWindows(valKnown, vocab, o.window) : undefined;
  const config: ModelConfig = { window: o.window, topG: o.topG, hidden: o.hidden, layers: o.layers };
  const layout = paramLayout({ vocab: vocab.size, hidden: o.hidden, layers: o.layers });
  const params = initParams(layout, o.seed);
  const r = await trainWindows(layout, o.window, params, train, val, o);
  // floors come from the training sessions only, so the validation FP rate below is an honest held-out estimate
  const floorFrom = lowestNormalProbability(new DeepLogModel(vocab, config, params, emptySummary()), trainSessions);
  if (o.minProbability === 'auto') {
    config.minProbability = 0;
    config.keyMinProbability = {};
    if (floorFrom.counts[END_INDEX]! > 0) config.keyMinProbability[END_TOKEN] = floorFrom.perKey[END_INDEX]! * o.floorFactor;
    if (o.keyFloorQuantile > 0 && o.keyFloorFactor > 0) config.minProbability = o.keyFloorFactor * lowerQuantile(floorFrom.keyProbs, o.keyFloorQuantile);
  } else config.minProbability = o.minProbability;
  if (o.acceptProbability > 0) config.acceptProbability = o.acceptProbability;
  const model = new DeepLogModel(vocab, config, params, emptySummary());
  let fpRate: number | null = null;
  if (valKnown.length > 0) {
    const verdicts = scoreIndexedSessions(model, valKnown.map((s) => paddedSession(s, vocab, o.window)));
    fpRate = verdicts.filter((v) => v.isAnomaly).length / valKnown.length;
  }
  const training: TrainingSummary = {
    sessions: sessions.length, validationSessions: valKnown.length, windows: train.totalWindows, distinctWindows: train.count,
    epochs: r.epochs, bestEpoch: r.bestEpoch, stoppedBy: r.stoppedBy, trainLoss: r.trainLoss, validationLoss: r.validationLoss, validationFpRate: fpRate,
    threads: r.threads, fineTuneRounds: 0, lowestNormalProbability: floorFrom.lowest,
    options: { window: o.window, topG: o.topG, hidden: o.hidden, layers: o.layers, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, seed: o.seed, validationFraction: o.validationFraction, patience: o.patience, weightExponent: o.weightExponent, minWindowWeight: o.minWindowWeight, floorFactor: o.floorFactor, acceptProbability: o.acceptProbability, keyFloorQuantile: o.keyFloorQuantile, keyFloorFactor: o.keyFloorFactor },
  };
  return new DeepLogModel(vocab, config, params, training);
}
