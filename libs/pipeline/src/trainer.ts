/**
 * Trains every model of a detector version from records: Drain over the messages, DeepLog
 * on the per-session template sequences, the per-record Isolation Forest on the records'
 * features. Returns the files and manifest fields; the caller writes them with
 * model-registry. Runs in a worker thread in the detector (./training-runner).
 */
import { trainDeepLog, DEEPLOG_FILES } from '@log-sentinel/deeplog';
import { LogFormat, TemplateMiner } from '@log-sentinel/drain';
import { RecordFeatureModel, type RecordObservation } from '@log-sentinel/iforest';
import type { ModelFile, ModelMeta } from '@log-sentinel/model-registry';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError } from './errors';
import { emptyFeedback, feedbackToJson } from './feedback-state';
import { MODEL_FILES, PIPELINE_FORMAT, featureParams, type PipelineSettings } from './model-format';
import type { DetectRecord } from './record';
import { compileSessionKey } from './session-key';
import { calibrateTopG } from './top-g';

/** A trained version, ready for `writeModelVersion`. */
export interface TrainedModel {
  /** Files of the version. */
  files: ModelFile[];
  /** Manifest fields. */
  meta: ModelMeta;
}

/** Share of training transitions allowed beyond the calibrated top-g. */
export const TOP_G_MAX_MISS_RATE = 0.001;

/** Longest training session: stream "sessions" are cut into pieces so DeepLog gets a validation split. */
export const MAX_TRAIN_SESSION_KEYS = 500;

/** Applies a header format to raw messages: content, level and time come from the header. */
export function applyLogFormat(records: DetectRecord[], logFormat: string | undefined): DetectRecord[] {
  if (!logFormat) return records;
  const fmt = LogFormat.compile(logFormat);
  return records.map((r) => {
    const parsed = fmt.parse(r.message);
    if (!parsed.matched) return r;
    const out: DetectRecord = { ...r, message: parsed.content || r.message };
    const level = parsed.fields.Level;
    if (level && !r.level) out.level = level;
    return out;
  });
}

/** Trains Drain, DeepLog and the record Isolation Forest on `records` (all assumed normal). */
export async function trainModelFiles(
  input: DetectRecord[],
  options: TrainRunOptions,
  onProgress: (p: TrainProgressEvent) => void,
  how: { headerParsed?: boolean } = {},
): Promise<TrainedModel> {
  if (input.length === 0) throw new DetectorError('INVALID_ARGUMENT', 'no records to train on');
  const started = Date.now();
  const n = input.length;
  onProgress({ phase: 'parsing', recordsReceived: n, fraction: 0.02 });
  const records = how.headerParsed ? input : applyLogFormat(input, options.logFormat);
  const sessionKey = compileSessionKey({ sessionRegex: options.sessionRegex, sessionField: options.sessionField });

  // 1. Drain: every message → template (cluster ids are stable while templates generalise).
  const miner = new TemplateMiner();
  const clusterOf = new Array<number>(n);
  const paramsOf = new Array<string[]>(n);
  for (let i = 0; i < n; i++) {
    const a = miner.add(records[i]!.message);
    clusterOf[i] = a.cluster.id;
    paramsOf[i] = a.params;
  }
  // Parameters of early records were cut against an older template; re-extract with the final ones.
  for (let i = 0; i < n; i++) {
    const m = miner.match(records[i]!.message);
    if (m && m.cluster.id === clusterOf[i]) paramsOf[i] = m.params;
  }

  // 2. Sessions → template sequences, and per-record observations (time since the previous record of the session).
  const sessions = new Map<string, string[]>();
  const lastTs = new Map<string, number>();
  const observations = new Array<RecordObservation>(n);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const sid = sessionKey(r);
    const tid = String(clusterOf[i]);
    let seq = sessions.get(sid);
    if (!seq) sessions.set(sid, (seq = []));
    seq.push(tid);
    const ts = r.timestampMs;
    observations[i] = { templateId: tid, params: featureParams(paramsOf[i]!), level: r.level, messageLength: r.message.length, timestampMs: ts, prevTimestampMs: lastTs.get(sid) };
    if (ts !== undefined) lastTs.set(sid, ts);
  }
  const sequences: string[][] = [];
  for (const seq of sessions.values()) {
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

  // 4. Isolation Forest on per-record features.
  onProgress({ phase: 'training_iforest', recordsReceived: n, fraction: 0.88 });
  const iforest = RecordFeatureModel.fit(observations, { seed: 42 });
  const trainingScores = iforest.scoreMany(observations);
  let flagged = 0;
  for (const s of trainingScores) if (s >= iforest.threshold) flagged++;

  const knownTemplates = miner.clusters().map((c) => c.templateId);
  const settings: PipelineSettings = {
    format: PIPELINE_FORMAT,
    formatVersion: 1,
    logFormat: options.logFormat ?? '',
    parseMessages: !how.headerParsed && !!options.logFormat,
    sessionRegex: options.sessionRegex ?? '',
    sessionField: options.sessionField ?? '',
    knownTemplates,
    topG,
  };
  const dj = deeplog.toJSON();
  const files: ModelFile[] = [
    { name: MODEL_FILES.drain, data: JSON.stringify(miner.snapshot()) },
    { name: DEEPLOG_FILES.onnx, data: deeplog.toOnnx() },
    { name: DEEPLOG_FILES.json, data: JSON.stringify(dj) },
    { name: MODEL_FILES.iforest, data: JSON.stringify(iforest.toJSON()) },
    { name: MODEL_FILES.pipeline, data: JSON.stringify(settings) },
    { name: MODEL_FILES.feedback, data: feedbackToJson(emptyFeedback()) },
  ];
  const meta: ModelMeta = {
    kind: 'raw',
    training: { records: n, sessions: sessions.size, trainingSequences: sequences.length, templates: knownTemplates.length, durationMs: Date.now() - started },
    metrics: {
      deeplog: { ...dj.training, topG, topGCalibration: cal ?? null },
      iforest: { threshold: iforest.threshold, trainingFlaggedRate: flagged / n },
    },
    config: { window: dj.window, topG, logFormat: settings.logFormat, sessionRegex: settings.sessionRegex, sessionField: settings.sessionField },
  };
  return { files, meta };
}
