/**
 * Trains every model of a detector version from records: Drain over the messages, DeepLog
 * on the per-session template sequences, the per-record Isolation Forest on the records'
 * features. Returns the files and manifest fields; the caller writes them with
 * model-registry. Runs in a worker thread in the detector (./training-runner).
 */
import { trainDeepLog, trainValueModels, DEEPLOG_FILES, SessionWorkflows, Workflow, type ValueModelSet, type ValueRecord } from '@log-sentinel/deeplog';
import { TemplateMiner } from '@log-sentinel/drain';
import { RecordFeatureModel, type RecordObservation } from '@log-sentinel/iforest';
import { CountRangeModel, InvariantsModel, PcaModel } from '@log-sentinel/count-models';
import type { ModelFile, ModelMeta } from '@log-sentinel/model-registry';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError } from './errors';
import { emptyFeedback, feedbackToJson } from './feedback-state';
import { MODEL_FILES, PIPELINE_FORMAT, featureParams, type PipelineSettings } from './model-format';
import type { DetectRecord } from './record';
import { compileSessionKey } from './session-key';
import { Preprocessor, type PreprocessSettings } from './preprocess';
import { calibrateTopG } from './top-g';
import { openSessionsAtCut, type CutPoint } from './open-sessions';

/** A trained version, ready for `writeModelVersion`. */
export interface TrainedModel {
  /** Files of the version. */
  files: ModelFile[];
  /** Manifest fields. */
  meta: ModelMeta;
}

/** Share of training transitions allowed beyond the calibrated top-g. */
export const TOP_G_MAX_MISS_RATE = 0.001;

/**
 * Workflow check (libs/deeplog workflow.ts): a transition never seen in training is flagged
 * when the chance of a novel successor of the key before it is below a threshold — at most
 * this one, lowered per model until no training session (budget {@link WORKFLOW_LOO_BUDGET})
 * would be a leave-one-out false alarm. Measured by `npm run bench deeplog-cv` on training
 * data (docs/deeplog.md, "The workflow check").
 */
export const WORKFLOW_MAX_THRESHOLD = 0.02;
/** Leave-one-out false-alarm budget of the workflow check (share of training sessions). */
export const WORKFLOW_LOO_BUDGET = 0;

/**
 * Invariants Mining (libs/count-models): the share of the training sessions a count relation
 * must hold in to be kept. Chosen by `npm run bench deeplog-cv` on training data
 * (docs/deeplog.md, "Choosing the rule").
 */
export const INVARIANTS_MIN_SUPPORT = 0.999;

/**
 * Whether models carry the count-range check on whole sessions (libs/count-models
 * count-range.ts) unless told otherwise. Decided by `npm run bench deeplog-cv` on training
 * data: among the rules without the key floor, the criterion prefers it in all 12
 * (docs/deeplog.md, "Adding the count-range check").
 */
export const COUNT_RANGE_DEFAULT = true;

/**
 * Share of normal sessions the parameter-value model may flag, as its automatic interval is
 * chosen: a session of L records gets L chances of a false alarm, so the held-out vectors
 * may be flagged at most this rate / the mean session length of the training data (and at
 * most this rate). Set after the served HDFS benchmark of 23:13 showed a per-vector 0.1 %
 * flagging 1.8 % of normal 20-record sessions (docs/deeplog.md, "Parameter-value model").
 */
export const VALUE_SESSION_FLAG_RATE = 0.001;

/** Fewest sessions a learning run must see for DeepLog's statistics to mean anything. */
export const MIN_TRAIN_SESSIONS = 10;
/** Largest validation false-positive rate (share of held-out normal sessions flagged) of a usable DeepLog model. */
export const MAX_VALIDATION_FP_RATE = 0.01;

/** Lower end of the one-sided 95 % Wilson interval of a rate k/n. */
export function wilsonLower(k: number, n: number, z = 1.645): number {
  if (n <= 0) return 0;
  const p = k / n, z2 = z * z;
  return Math.max(0, (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n));
}

/** What {@link degenerateReasons} reads. */
export interface LearningStats {
  /** Sessions in the learning data. */
  sessions: number;
  /** Median records per session. */
  medianSessionLength: number;
  /** The top-g the rule serves with (calibrated). */
  topG: number;
  /** The trainer's default g. */
  defaultTopG: number;
  /** Keys in the vocabulary. */
  vocabulary: number;
  /** Held-out normal sessions flagged / judged (null: no validation split). */
  validation: { flagged: number; sessions: number } | null;
}

/**
 * Why learning data gave DeepLog degenerate statistics (DESIGN: reported loudly, DeepLog does
 * not flag): too few sessions, sessions of one record (no sequence to learn), a top-g
 * calibrated above both the default and half the vocabulary (every key is "expected"), or a
 * validation false-positive rate above 1 % — judged on the lower end of its 95 % interval, so
 * one false alarm among 36 held-out sessions is not called degenerate.
 */
export function degenerateReasons(s: LearningStats): string[] {
  const out: string[] = [];
  if (s.sessions < MIN_TRAIN_SESSIONS) out.push(`only ${s.sessions} sessions (need ${MIN_TRAIN_SESSIONS}+): set a session regex/field or send session ids`);
  if (s.medianSessionLength < 2) out.push(`sessions of one record (median length ${s.medianSessionLength}): there is no sequence to learn; set a session regex/field or send session ids`);
  if (s.topG > s.defaultTopG && s.topG > s.vocabulary / 2) out.push(`top-g calibrated to ${s.topG} of ${s.vocabulary} keys: the sequences are not predictable`);
  const v = s.validation;
  if (v && v.sessions > 0 && wilsonLower(v.flagged, v.sessions) > MAX_VALIDATION_FP_RATE) {
    out.push(`validation false-positive rate ${((100 * v.flagged) / v.sessions).toFixed(1)}% (${v.flagged} of ${v.sessions} held-out sessions; max ${MAX_VALIDATION_FP_RATE * 100}%)`);
  }
  return out;
}

/** Longest training session: stream "sessions" are cut into pieces so DeepLog gets a validation split. */
export const MAX_TRAIN_SESSION_KEYS = 500;

/** The preprocessing a training run stores in its model: what the options name, automatic rules for the rest. */
export function preprocessFor(options: TrainRunOptions, fallback: { sessionRegex?: string; sessionField?: string } = {}): PreprocessSettings {
  const sessionRegex = options.sessionRegex || fallback.sessionRegex || '';
  const sessionField = options.sessionField || fallback.sessionField || '';
  return {
    logFormat: options.logFormat ?? '',
    sessionRegex,
    sessionField,
    keyField: options.keyField ?? '',
    autoHeader: !options.logFormat,
    autoSession: !sessionRegex && !sessionField,
  };
}

/**
 * What the manifest says about the parameter-value models: the interval, how it was chosen,
 * every modelled key (template, components, records, held-out windows) and every key left
 * without a model with the reason (too few records, no numeric parameters, time budget).
 */
function valueStats(values: ValueModelSet, miner: TemplateMiner, durationMs: number): Record<string, unknown> {
  const j = values.json;
  const template = (key: string): string => miner.get(Number(key))?.template ?? key;
  return {
    models: j.models.length,
    confidence: j.confidence,
    z: j.z,
    calibration: j.calibration,
    window: j.window,
    minRecords: j.minRecords,
    durationMs,
    keys: j.models.map((m) => ({ key: m.key, template: template(m.key), dims: m.dims, records: m.training.records, validationWindows: m.training.validationWindows, epochs: m.training.epochs, validationLoss: m.training.validationLoss })),
    skipped: j.skipped.map((s) => ({ ...s, template: template(s.key) })),
  };
}

/** Trains Drain, DeepLog and the record Isolation Forest on `records` (all assumed normal), as they arrive (whole raw lines or content). */
export async function trainModelFiles(input: DetectRecord[], options: TrainRunOptions, onProgress: (p: TrainProgressEvent) => void): Promise<TrainedModel> {
  if (input.length === 0) throw new DetectorError('INVALID_ARGUMENT', 'no records to train on');
  const started = Date.now();
  let valuesMs = 0;
  const n = input.length;
  onProgress({ phase: 'parsing', recordsReceived: n, fraction: 0.02 });
  const preprocess = preprocessFor(options);
  const pre = Preprocessor.compile(preprocess);
  const prepared = input.map((r) => pre.apply(r));
  const records = prepared.map((p) => p.record);
  const sessionKey = compileSessionKey({});

  // 1. Drain: every message → template (cluster ids are stable while templates generalise).
  // (Pre-parsed keys skip Drain: the key is the template id.)
  const miner = new TemplateMiner(options.drain ?? {});
  const keyOf = new Array<string>(n);
  const clusterOf = new Array<number>(n);
  const paramsOf = new Array<string[]>(n);
  for (let i = 0; i < n; i++) {
    const key = prepared[i]!.key;
    if (key !== undefined) {
      keyOf[i] = key;
      clusterOf[i] = -1;
      paramsOf[i] = [];
      continue;
    }
    const a = miner.add(records[i]!.message);
    clusterOf[i] = a.cluster.id;
    paramsOf[i] = a.params;
  }
  // Parameters of early records were cut against an older template; re-extract with the final ones.
  for (let i = 0; i < n; i++) {
    if (clusterOf[i]! < 0) continue;
    const m = miner.match(records[i]!.message);
    if (m && m.cluster.id === clusterOf[i]) paramsOf[i] = m.params;
    keyOf[i] = String(clusterOf[i]);
  }

  // 2. Sessions → template sequences, and per-record observations (time since the previous record of the session).
  const sessions = new Map<string, string[]>();
  const lastEvent = new Map<string, number>();
  const observations = new Array<RecordObservation>(n);
  const valueRecords = new Array<ValueRecord>(n);
  const cutPoints = new Array<CutPoint>(n);
  let allTimed = true;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const sid = prepared[i]!.sessionId || sessionKey(r);
    const tid = keyOf[i]!;
    let seq = sessions.get(sid);
    if (!seq) sessions.set(sid, (seq = []));
    seq.push(tid);
    // time features run on event times (the line's header, else the record's own), as the scorer's do
    const ev = prepared[i]!.eventTimeMs;
    const prev = lastEvent.get(sid);
    cutPoints[i] = { session: sid, stream: `${r.service ?? ''}\u0000${r.host ?? ''}`, at: ev ?? i };
    if (ev === undefined) allTimed = false;
    observations[i] = { templateId: tid, params: featureParams(paramsOf[i]!), level: r.level, messageLength: r.message.length, timestampMs: ev, prevTimestampMs: prev };
    valueRecords[i] = { key: tid, params: paramsOf[i]!, elapsedMs: ev !== undefined && prev !== undefined ? ev - prev : undefined };
    if (ev !== undefined) lastEvent.set(sid, ev);
  }
  // A live learning cut (the detector's own learning): sessions still open where it ends are
  // left out of the sequence and count models, whose every session must have ended (./open-sessions).
  // Not when that would leave fewer than half the sessions (stream sessions never end).
  if (!allTimed) for (let i = 0; i < n; i++) cutPoints[i]!.at = i;
  const open = options.liveCut ? openSessionsAtCut(cutPoints) : new Set<string>();
  const leftOut = open.size > 0 && sessions.size - open.size >= Math.max(MIN_TRAIN_SESSIONS, sessions.size / 2) ? open : new Set<string>();
  const ended = [...sessions].filter(([id]) => !leftOut.has(id)).map(([, seq]) => seq);
  const sequences: string[][] = [];
  for (const seq of ended) {
    for (let s = 0; s < seq.length; s += MAX_TRAIN_SESSION_KEYS) sequences.push(seq.slice(s, s + MAX_TRAIN_SESSION_KEYS));
  }

  // 3. DeepLog.
  const epochs = options.maxEpochs;
  onProgress({ phase: 'training_deeplog', recordsReceived: n, fraction: 0.05, epochs: epochs ?? 0 });
  const deeplog = await trainDeepLog(sequences, {
    ...(options.window ? { window: options.window } : {}),
    ...(options.topG ? { topG: options.topG } : {}),
    ...(epochs ? { epochs } : {}),
    ...(sequences.length < 10 ? { validationFraction: 0 } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.acceptProbability !== undefined ? { acceptProbability: options.acceptProbability } : {}),
    ...(options.keyFloorFactor !== undefined ? { keyFloorFactor: options.keyFloorFactor } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs, clock: () => performance.now() } : {}),
    onEpoch: (e) =>
      onProgress({
        phase: 'training_deeplog',
        recordsReceived: n,
        epoch: e.epoch,
        epochs: e.epochs,
        loss: e.trainLoss,
        validationLoss: e.validationLoss ?? 0,
        fraction: 0.05 + (0.8 * e.epoch) / e.epochs,
      }),
  });

  // DeepLog top-g: the user's choice, else calibrated on the training transitions (./top-g).
  const cal = options.topG ? undefined : calibrateTopG(deeplog, sequences, deeplog.config.topG, TOP_G_MAX_MISS_RATE);
  const topG = options.topG ?? cal!.topG;

  // DeepLog's workflow graph: every training session, counted.
  const workflow = Workflow.fromSessions(sequences, { maxThreshold: options.workflowThreshold ?? WORKFLOW_MAX_THRESHOLD, looBudget: WORKFLOW_LOO_BUDGET });
  // DeepLog §4: the workflow of each session type (served by GetModel, named in explanations).
  const workflows = SessionWorkflows.build(sequences);

  // Invariants Mining on whole sessions' template counts (0 = off).
  const invariantsSupport = options.invariantsSupport ?? INVARIANTS_MIN_SUPPORT;
  const invariants = invariantsSupport > 0 ? InvariantsModel.mine(ended, { minSupport: invariantsSupport }) : undefined;

  const pca = options.pca ? PcaModel.fit(ended) : undefined;
  const counts = options.countRange ?? COUNT_RANGE_DEFAULT ? CountRangeModel.fit(ended) : undefined;
  // DeepLog's parameter-value models: per key, the numeric parameters and the time since the session's previous record.
  let values: ValueModelSet | undefined;
  if (options.valueConfidence !== 0) {
    onProgress({ phase: 'training_deeplog', recordsReceived: n, fraction: 0.86, message: 'parameter-value models' });
    const valuesStarted = Date.now();
    const meanSessionLength = n / Math.max(1, sessions.size);
    values = await trainValueModels(valueRecords, {
      maxFlagRate: VALUE_SESSION_FLAG_RATE / Math.max(1, meanSessionLength),
      ...(options.valueConfidence !== undefined ? { confidence: options.valueConfidence } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs, clock: () => performance.now() } : {}),
    });
    valuesMs = Date.now() - valuesStarted;
  }

  // 4. Isolation Forest on per-record features.
  onProgress({ phase: 'training_iforest', recordsReceived: n, fraction: 0.88 });
  const iforest = RecordFeatureModel.fit(observations, { seed: 42 });
  const trainingScores = iforest.scoreMany(observations);
  let flagged = 0;
  for (const s of trainingScores) if (s >= iforest.threshold) flagged++;

  const knownTemplates = [...new Set([...miner.clusters().map((c) => c.templateId), ...keyOf])];
  const dj = deeplog.toJSON();
  const lengths = ended.map((s) => s.length).sort((a, b) => a - b);
  const vt = dj.training;
  const degenerate = degenerateReasons({
    sessions: ended.length,
    medianSessionLength: lengths[lengths.length >> 1] ?? 0,
    topG,
    defaultTopG: deeplog.config.topG,
    vocabulary: deeplog.vocabulary.size - 2,
    validation: vt.validationFpRate != null ? { flagged: Math.round(vt.validationFpRate * vt.validationSessions), sessions: vt.validationSessions } : null,
  });
  const settings: PipelineSettings = { format: PIPELINE_FORMAT, formatVersion: 2, preprocess, knownTemplates, topG, degenerate };
  const files: ModelFile[] = [
    { name: MODEL_FILES.drain, data: JSON.stringify(miner.snapshot()) },
    { name: DEEPLOG_FILES.onnx, data: deeplog.toOnnx() },
    { name: DEEPLOG_FILES.json, data: JSON.stringify(dj) },
    { name: MODEL_FILES.iforest, data: JSON.stringify(iforest.toJSON()) },
    { name: MODEL_FILES.pipeline, data: JSON.stringify(settings) },
    { name: MODEL_FILES.workflow, data: JSON.stringify(workflow.toJSON()) },
    { name: MODEL_FILES.workflows, data: JSON.stringify(workflows.toJSON()) },
    { name: MODEL_FILES.feedback, data: feedbackToJson(emptyFeedback()) },
    ...(values?.files() ?? []),
  ];
  if (counts) files.push({ name: MODEL_FILES.counts, data: JSON.stringify(counts.toJSON()) });
  if (pca) files.push({ name: MODEL_FILES.pca, data: JSON.stringify(pca.toJSON()) });
  if (invariants) files.push({ name: MODEL_FILES.invariants, data: JSON.stringify(invariants.toJSON()) });
  const meta: ModelMeta = {
    kind: 'raw',
    training: { records: n, sessions: sessions.size, openAtCut: leftOut.size, trainingSequences: sequences.length, templates: knownTemplates.length, durationMs: Date.now() - started },
    metrics: {
      deeplog: { ...dj.training, topG, topGCalibration: cal ?? null },
      degenerate,
      workflow: { transitions: workflow.transitions, closedBelow: workflow.closedBelow, sessionTypes: workflows.json.types.map((t) => ({ type: t.type, sessions: t.sessions, keys: t.keys.length })) },
      invariants: invariants ? { count: invariants.invariants.length, minSupport: invariantsSupport } : null,
      pca: pca ? { components: pca.components, threshold: pca.threshold } : null,
      counts: counts ? { keys: counts.keys.length } : null,
      values: values ? valueStats(values, miner, valuesMs) : { models: 0, disabled: true },
      iforest: { threshold: iforest.threshold, trainingFlaggedRate: flagged / n },
    },
    config: { window: dj.window, topG, ...preprocess },
  };
  return { files, meta };
}
