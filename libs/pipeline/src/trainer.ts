/**
 * Trains every model of a detector version from records: Drain over the messages, DeepLog
 * on the per-session template sequences, the per-record Isolation Forest on the records'
 * features. Returns the files and manifest fields; the caller writes them with
 * model-registry. Runs in a worker thread in the detector (./training-runner). The stages
 * are in ./train-stages, the tuned defaults in ./train-defaults.
 */
import { DEEPLOG_FILES, type DeepLogModel, type TrainingSummary, type ValueModelSet } from '@log-sentinel/deeplog';
import type { TemplateMiner } from '@log-sentinel/drain';
import { RecordFeatureModel } from '@log-sentinel/iforest';
import type { ModelFile, ModelMeta } from '@log-sentinel/model-registry';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError } from './errors';
import { emptyFeedback, feedbackToJson } from './feedback-state';
import { MODEL_FILES, PIPELINE_FORMAT, type PipelineSettings } from './model-format';
import type { DetectRecord } from './record';
import { Preprocessor, type PreprocessSettings } from './preprocess';
import { endedSessions, fitCountModels, fitLogAnomaly, fitValueModels, groupSessions, mineTemplates, trainingSequences, trainSequenceModels } from './train-stages';

export {
  TOP_G_MAX_MISS_RATE,
  WORKFLOW_MAX_THRESHOLD,
  WORKFLOW_LOO_BUDGET,
  INVARIANTS_MIN_SUPPORT,
  COUNT_RANGE_DEFAULT,
  VALUE_SESSION_FLAG_RATE,
  MAX_TRAIN_SESSION_KEYS,
} from './train-defaults';

/** A trained version, ready for `writeModelVersion`. */
export interface TrainedModel {
  /** Files of the version. */
  files: ModelFile[];
  /** Manifest fields. */
  meta: ModelMeta;
}

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
  const n = input.length;
  onProgress({ phase: 'parsing', recordsReceived: n, fraction: 0.02 });
  const preprocess = preprocessFor(options);
  const pre = Preprocessor.compile(preprocess);
  const prepared = input.map((r) => pre.apply(r));

  const mined = mineTemplates(prepared, options.drain);
  const grouped = groupSessions(prepared, mined);
  const { ended, leftOut } = endedSessions(grouped, options.liveCut === true, MIN_TRAIN_SESSIONS);
  const sequences = trainingSequences(ended);
  const seq = await trainSequenceModels(sequences, options, n, onProgress);
  const count = fitCountModels(ended, options);
  const values = await fitValueModels(grouped, options, n, onProgress);
  const loganomaly = await fitLogAnomaly(ended, mined.miner, options, n, onProgress);

  onProgress({ phase: 'training_iforest', recordsReceived: n, fraction: 0.88 });
  const iforest = RecordFeatureModel.fit(grouped.observations, { seed: 42 });
  let flagged = 0;
  for (const score of iforest.scoreMany(grouped.observations)) if (score >= iforest.threshold) flagged++;

  const { miner } = mined;
  const { deeplog, workflow, workflows, topG } = seq;
  const knownTemplates = [...new Set([...miner.clusters().map((c) => c.templateId), ...mined.keyOf])];
  const dj = deeplog.toJSON();
  const degenerate = degenerateReasons(learningStats(ended, deeplog, dj.training, topG));
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
    ...(values?.set.files() ?? []),
  ];
  const { counts, pca, invariants } = count;
  if (counts) files.push({ name: MODEL_FILES.counts, data: JSON.stringify(counts.toJSON()) });
  if (pca) files.push({ name: MODEL_FILES.pca, data: JSON.stringify(pca.toJSON()) });
  if (invariants) files.push({ name: MODEL_FILES.invariants, data: JSON.stringify(invariants.toJSON()) });
  if (loganomaly) {
    files.push({ name: MODEL_FILES.loganomalyOnnx, data: loganomaly.model.toOnnx() });
    files.push({ name: MODEL_FILES.loganomalyJson, data: JSON.stringify(loganomaly.model.json) });
  }
  const meta: ModelMeta = {
    kind: 'raw',
    training: { records: n, sessions: grouped.sessions.size, openAtCut: leftOut, trainingSequences: sequences.length, templates: knownTemplates.length, durationMs: Date.now() - started },
    metrics: {
      deeplog: { ...dj.training, topG, topGCalibration: seq.calibration ?? null },
      degenerate,
      workflow: { transitions: workflow.transitions, closedBelow: workflow.closedBelow, sessionTypes: workflows.json.types.map((t) => ({ type: t.type, sessions: t.sessions, keys: t.keys.length })) },
      invariants: invariants ? { count: invariants.invariants.length, minSupport: count.invariantsSupport } : null,
      pca: pca ? { components: pca.components, threshold: pca.threshold } : null,
      counts: counts ? { keys: counts.keys.length } : null,
      loganomaly: loganomaly ? { topG: loganomaly.model.json.topG, rule: loganomaly.model.json.calibration.rule ?? null, durationMs: loganomaly.durationMs, ...loganomaly.model.json.training } : null,
      values: values ? valueStats(values.set, miner, values.durationMs) : { models: 0, disabled: true },
      iforest: { threshold: iforest.threshold, trainingFlaggedRate: flagged / n },
    },
    config: { window: dj.window, topG, ...preprocess },
  };
  return { files, meta };
}

/** What {@link degenerateReasons} reads, from the sessions DeepLog learnt from and the trained model. */
function learningStats(ended: readonly string[][], deeplog: DeepLogModel, vt: TrainingSummary, topG: number): LearningStats {
  const lengths = ended.map((x) => x.length).sort((a, b) => a - b);
  return {
    sessions: ended.length,
    medianSessionLength: lengths[lengths.length >> 1] ?? 0,
    topG,
    defaultTopG: deeplog.config.topG,
    vocabulary: deeplog.vocabulary.size - 2,
    validation: vt.validationFpRate != null ? { flagged: Math.round(vt.validationFpRate * vt.validationSessions), sessions: vt.validationSessions } : null,
  };
}
