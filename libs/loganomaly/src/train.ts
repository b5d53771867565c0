import { initParams, paramLayout, trainWindows, type EpochProgress, type TrainingWindows } from '@log-sentinel/deeplog';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { LogAnomalyError } from './errors';
import { chooseTopG, LOGANOMALY_ARCHITECTURES, LOGANOMALY_FORMAT, LOGANOMALY_ONNX, LogAnomalyModel, netShape, type LogAnomalyArchitecture, type LogAnomalyJson, type TopGRule } from './model';
import { rankSessions } from './scoring';
import { TemplateSemantics, SEMANTICS_DEFAULTS, type KeyTemplate } from './semantics';
import { distinctWindows, encodeRows, paddedIndices, WindowEncoder } from './windows';

/** Training options; every field has a default. */
export interface LogAnomalyTrainOptions {
  /** Window length h (default 10, as DeepLog's). */
  window?: number;
  /** LSTM units per layer (default 64). */
  hidden?: number;
  /** Stacked LSTM layers (default 2). */
  layers?: number;
  /** Semantic vector dimensions (default 16). */
  dims?: number;
  /** Maximum epochs (default 40). */
  epochs?: number;
  /** Distinct windows per mini-batch (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Epochs without validation improvement before stopping (default 4). */
  patience?: number;
  /** Lowest weight of a distinct window (default 100: rare normal transitions fitted; docs/loganomaly.md says how it was chosen). */
  minWindowWeight?: number;
  /** Share of sessions held out for early stopping and the choice of g (default 0.1). */
  validationFraction?: number;
  /** How g is chosen from the held-out validation sessions (default {@link LOGANOMALY_DEFAULTS}`.topGRule`; docs/loganomaly.md says how it was chosen). */
  topGRule?: TopGRule;
  /**
   * 'one' LSTM over the concatenated patterns (default), or 'two' as the paper: one over the
   * semantic vectors, one over the count vectors, joined before the softmax layer (each
   * `layers` × `hidden`). docs/loganomaly.md has the two measured side by side.
   */
  architecture?: LogAnomalyArchitecture;
  /** Seed of initialisation, split and shuffling (default 1). */
  seed?: number;
  /** Gradient threads: 1, or 2 for main + one worker (default 2). */
  threads?: number;
  /** Called after every epoch. */
  onEpoch?: (p: EpochProgress) => void;
}

/** Defaults of {@link LogAnomalyTrainOptions}. */
export const LOGANOMALY_DEFAULTS = {
  window: 10, hidden: 64, layers: 2, dims: SEMANTICS_DEFAULTS.dims, epochs: 40, batchSize: 32, learningRate: 0.01, patience: 4,
  minWindowWeight: 100, validationFraction: 0.1, topGRule: { per: 'session', budget: 0.01 } as TopGRule, architecture: 'one' as LogAnomalyArchitecture, seed: 1, threads: 2,
} as const;

/** Windows of padded sessions in the trainer's dense-mode layout: encoded vectors in, the next class index as target. */
function trainingWindows(enc: WindowEncoder, padded: Int32Array[], minWeight: number): TrainingWindows {
  const d = distinctWindows(padded, enc.window, enc.keys);
  return { inputs: encodeRows(enc, padded, d.rows), targets: Int32Array.from(d.targets), weights: Float32Array.from(d.counts, (c) => Math.max(minWeight, c)), count: d.rows.length };
}

/**
 * Trains LogAnomaly (Meng et al., IJCAI'19) on normal sessions of keys: template semantics
 * from the templates of the keys seen in training (`templates` must name every one; the
 * others are kept to map unseen keys later), one LSTM on the sequential + quantitative
 * pattern (or, with `architecture: 'two'`, one LSTM per pattern, as the paper) trained by libs/deeplog's engine in dense mode (softmax cross-entropy on the next
 * key, as the paper; the dims − 1 outputs past the K + 1 classes are never a target), and
 * top-g chosen on a held-out validation split of the training sessions.
 */
export async function trainLogAnomaly(sessions: readonly (readonly string[])[], templates: readonly KeyTemplate[], options: LogAnomalyTrainOptions = {}): Promise<LogAnomalyModel> {
  const o = { ...LOGANOMALY_DEFAULTS, ...options };
  for (const k of ['window', 'hidden', 'layers', 'dims', 'epochs', 'batchSize', 'patience', 'threads'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new LogAnomalyError('INVALID_OPTIONS', `${k} must be a positive integer`);
  }
  if (!(o.validationFraction > 0 && o.validationFraction < 1)) throw new LogAnomalyError('INVALID_OPTIONS', 'validationFraction must be in (0, 1)');
  if (!['session', 'transition'].includes(o.topGRule.per)) throw new LogAnomalyError('INVALID_OPTIONS', "topGRule.per must be 'session' or 'transition'");
  if (!(o.topGRule.budget >= 0 && o.topGRule.budget < 1)) throw new LogAnomalyError('INVALID_OPTIONS', 'topGRule.budget must be in [0, 1)');
  if (!LOGANOMALY_ARCHITECTURES.includes(o.architecture)) throw new LogAnomalyError('INVALID_OPTIONS', `architecture must be 'one' or 'two' (got ${JSON.stringify(o.architecture)})`);
  if (sessions.length === 0) throw new LogAnomalyError('NO_TRAINING_DATA', 'no sessions to train on');
  sessions.forEach((s, i) => {
    if (s.length === 0) throw new LogAnomalyError('INVALID_SESSION', `session ${i + 1} is empty`);
  });
  const texts = new Map(templates.map((t) => [t.key, t.text]));
  const keys = [...new Set(sessions.flat())].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const missing = keys.filter((k) => !texts.has(k));
  if (missing.length > 0) throw new LogAnomalyError('INVALID_TEMPLATES', `no template text for key(s) ${missing.slice(0, 10).join(', ')}`);
  const semantics = TemplateSemantics.fit(keys.map((key) => ({ key, text: texts.get(key)! })), { dims: o.dims });
  const catalogue: Record<string, string> = {};
  for (const [k, t] of texts) if (!keys.includes(k)) catalogue[k] = t;

  const rnd = new SeededRandom(o.seed);
  const order = rnd.shuffle(Int32Array.from({ length: sessions.length }, (_, i) => i));
  const nVal = Math.floor(sessions.length * o.validationFraction);
  const valSessions = Array.from(order.subarray(0, nVal), (i) => sessions[i]!);
  const trainSessions = Array.from(order.subarray(nVal), (i) => sessions[i]!);
  const trainKeys = new Set(trainSessions.flat());
  const valKnown = valSessions.filter((s) => s.every((k) => trainKeys.has(k)));

  const json: LogAnomalyJson = {
    format: LOGANOMALY_FORMAT, version: 1, mode: 'dense', architecture: o.architecture, window: o.window, hidden: o.hidden, layers: o.layers, topG: 1,
    semantics: semantics.toJSON(), catalogue, calibration: { rule: { ...o.topGRule }, validationSessions: valKnown.length, flagRateByG: [] },
    training: {}, onnx: { ...LOGANOMALY_ONNX },
  };
  const layoutModel = new LogAnomalyModel(json, new Float32Array(paramLayout(netShape(json)).size));
  const enc = layoutModel.encoder;
  const toPadded = (s: readonly string[]): Int32Array => paddedIndices(s.map((k) => layoutModel.indexOf(k)!), o.window);
  const train = trainingWindows(enc, trainSessions.map(toPadded), o.minWindowWeight);
  const val = valKnown.length > 0 ? trainingWindows(enc, valKnown.map(toPadded), 1) : undefined;
  const params = initParams(layoutModel.layout, o.seed);
  const r = await trainWindows(layoutModel.layout, o.window, params, train, val, {
    epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, seed: o.seed, patience: o.patience, threads: o.threads, onEpoch: o.onEpoch,
  });
  const model = new LogAnomalyModel(json, params);

  // top-g from the held-out sessions' ranks (the rule picks one of the two curves)
  const ranked = await rankSessions(model, valKnown, (x, n) => model.predict(x, n));
  const classes = enc.classes;
  const transitions = ranked.reduce((a, r) => a + r.ranks.length, 0);
  const maxRanks = ranked.map((r) => r.ranks.reduce((a, b) => Math.max(a, b), 1));
  const rate = (n: number, of: number): number => (of === 0 ? 0 : Number((n / of).toFixed(6)));
  json.calibration.flagRateByG = Array.from({ length: classes }, (_, g) => rate(maxRanks.filter((m) => m > g + 1).length, valKnown.length));
  json.calibration.missRateByG = Array.from({ length: classes }, (_, g) => rate(ranked.reduce((a, r) => a + r.ranks.filter((x) => x > g + 1).length, 0), transitions));
  json.calibration.validationTransitions = transitions;
  json.topG = chooseTopG(json.calibration, o.topGRule);
  json.training = {
    sessions: sessions.length, trainSessions: trainSessions.length, validationSessions: valKnown.length, distinctWindows: train.count, validationWindows: val?.count ?? 0,
    epochs: r.epochs, bestEpoch: r.bestEpoch, stoppedBy: r.stoppedBy, trainLoss: r.trainLoss, validationLoss: r.validationLoss, threads: r.threads, seed: o.seed,
    dims: semantics.dims, architecture: o.architecture, minWindowWeight: o.minWindowWeight, batchSize: o.batchSize, learningRate: o.learningRate,
  };
  return new LogAnomalyModel(json, params);
}
