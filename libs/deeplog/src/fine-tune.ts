import { DeepLogError } from './errors';
import { DeepLogModel } from './model';
import { initParams, paramLayout } from './params';
import { rankOf } from './scoring';
import { trainWindows, type TrainOptions } from './trainer';
import { buildWindows, type WindowSet } from './windows';
import { END_INDEX, PAD_INDEX, Vocabulary, type LogKey } from './vocabulary';
import type { NextKeyQuery } from './detector';

/** Options of an online update. */
export interface FineTuneOptions extends Pick<TrainOptions, 'batchSize' | 'seed' | 'threads' | 'onEpoch'> {
  /** Passes over the new data (default 5). */
  epochs?: number;
  /** Adam learning rate (default 0.002: small, so earlier knowledge stays). */
  learningRate?: number;
  /** How many times each feedback window counts (default 1). */
  weight?: number;
}

/** Data for an online update: whole normal sessions and/or single (window → next key) examples. */
export interface FineTuneData {
  /** Sessions known to be normal. */
  sessions?: readonly (readonly LogKey[])[];
  /** Single examples an operator marked normal. */
  windows?: readonly NextKeyQuery[];
}

/** A copy of `model` whose vocabulary also holds `keys` (new inputs random, new outputs start unlikely). */
export function extendVocabulary(model: DeepLogModel, keys: readonly LogKey[]): DeepLogModel {
  const fresh = [...new Set(keys.map(String))].filter((k) => model.vocabulary.indexOf(k) < 0 && k !== '<pad>' && k !== '<end>');
  if (fresh.length === 0) return model;
  const vocab = new Vocabulary([...model.vocabulary.tokens, ...fresh]);
  const oldL = model.layout;
  const V0 = oldL.shape.vocab;
  const V = vocab.size;
  const H = model.config.hidden;
  const G = 4 * H;
  const layout = paramLayout({ vocab: V, hidden: H, layers: model.config.layers });
  const p = initParams(layout, 0x9e37 + V);
  layout.layers.forEach((lo, l) => {
    const old = oldL.layers[l]!;
    const inRows = l === 0 ? V0 : H;
    p.set(model.params.subarray(old.wt, old.wt + inRows * G), lo.wt);
    p.set(model.params.subarray(old.rt, old.rt + H * G), lo.rt);
    p.set(model.params.subarray(old.b, old.b + G), lo.b);
  });
  for (let k = 0; k < H; k++) {
    for (let v = 0; v < V; v++) p[layout.ot + k * V + v] = v < V0 ? model.params[oldL.ot + k * V0 + v]! : 0;
  }
  for (let v = 0; v < V; v++) p[layout.ob + v] = v < V0 ? model.params[oldL.ob + v]! : -5;
  return new DeepLogModel(vocab, model.config, p, model.training);
}

function feedbackWindows(model: DeepLogModel, windows: readonly NextKeyQuery[], weight: number): WindowSet {
  const T = model.config.window;
  const inputs = new Int32Array(windows.length * T).fill(PAD_INDEX);
  const targets = new Int32Array(windows.length);
  windows.forEach((q, i) => {
    const h = q.history;
    const from = Math.max(0, h.length - T);
    const pad = T - (h.length - from);
    // a history entry the vocabulary does not hold (an unseen key, padding) is read as padding, as in scoring
    for (let j = from; j < h.length; j++) inputs[i * T + pad + (j - from)] = Math.max(PAD_INDEX, model.vocabulary.indexOf(h[j]!));
    targets[i] = q.next === null ? END_INDEX : model.vocabulary.indexOf(q.next);
  });
  return { window: T, count: windows.length, inputs, targets, weights: new Float32Array(windows.length).fill(weight), totalWindows: windows.length };
}

/**
 * Floors after an update: a key the operator just declared normal must not stay below its
 * probability floor, so each key's floor drops to 0.25 × its lowest probability on the
 * update's examples that are inside the top g.
 */
function lowerFloors(m: DeepLogModel, params: Float32Array, set: WindowSet): Record<string, number> {
  const floors = { ...(m.config.keyMinProbability ?? {}) };
  const tuned = new DeepLogModel(m.vocabulary, m.config, params, m.training);
  const probs = tuned.predict(set.inputs, set.count);
  const V = m.vocabulary.size;
  const base = m.config.minProbability ?? 0;
  for (let i = 0; i < set.count; i++) {
    const y = set.targets[i]!;
    const key = m.vocabulary.keyAt(y);
    const p = probs[i * V + y]!;
    const floor = floors[key] ?? base;
    if (p < floor && rankOf(probs, i * V, V, y) <= m.config.topG) floors[key] = p * 0.25;
  }
  return floors;
}

function concat(a: WindowSet, b: WindowSet): WindowSet {
  const inputs = new Int32Array(a.inputs.length + b.inputs.length);
  inputs.set(a.inputs);
  inputs.set(b.inputs, a.inputs.length);
  const targets = new Int32Array(a.count + b.count);
  targets.set(a.targets);
  targets.set(b.targets, a.count);
  const weights = new Float32Array(a.count + b.count);
  weights.set(a.weights);
  weights.set(b.weights, a.count);
  return { window: a.window, count: a.count + b.count, inputs, targets, weights, totalWindows: a.totalWindows + b.totalWindows };
}

/**
 * DeepLog's online update: trains a copy of `model` further on windows an operator marked
 * normal (false positives) and/or on new normal sessions. Unseen keys extend the
 * vocabulary. Returns the updated model (`toOnnx()` / `toJSON()` give its files).
 */
export async function fineTuneDeepLog(model: DeepLogModel, data: FineTuneData, opts: FineTuneOptions = {}): Promise<DeepLogModel> {
  const sessions = data.sessions ?? [];
  const windows = data.windows ?? [];
  if (sessions.some((s) => s.length === 0)) throw new DeepLogError('INVALID_SESSION', 'fine-tuning sessions must not be empty');
  const keys: LogKey[] = [];
  for (const s of sessions) keys.push(...s);
  for (const q of windows) {
    keys.push(...q.history);
    if (q.next !== null) keys.push(q.next);
  }
  const m = extendVocabulary(model, keys);
  let set = buildWindows(sessions, m.vocabulary, m.config.window);
  if (windows.length > 0) set = concat(set, feedbackWindows(m, windows, opts.weight ?? 1));
  if (set.count === 0) throw new DeepLogError('NO_TRAINING_DATA', 'nothing to fine-tune on');
  const params = m.params.slice();
  const r = await trainWindows(m.layout, m.config.window, params, set, undefined, {
    epochs: opts.epochs ?? 5, batchSize: opts.batchSize ?? 64, learningRate: opts.learningRate ?? 0.002,
    seed: opts.seed ?? 1, patience: 1, threads: opts.threads ?? 1, onEpoch: opts.onEpoch, keepLast: true,
  });
  const config = { ...m.config, keyMinProbability: lowerFloors(m, params, set) };
  const training = { ...m.training, fineTuneRounds: m.training.fineTuneRounds + 1, lastFineTune: { windows: set.totalWindows, epochs: r.epochs, loss: r.trainLoss } };
  return new DeepLogModel(m.vocabulary, config, params, training);
}
