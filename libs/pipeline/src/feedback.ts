/**
 * Feedback: records an operator marked normal. Their templates become normal, DeepLog is
 * fine-tuned on their (window → key) transitions (its online update; unseen keys extend the
 * vocabulary), and the feedback sets make sure the same record is not flagged again. The
 * result is a complete new version (files + manifest fields) for the registry.
 */
import { DEEPLOG_FILES, PAD_INDEX, fineTuneDeepLog, type NextKeyQuery } from '@log-sentinel/deeplog';
import { windowCacheKey } from './prediction-cache';
import type { ModelFile, ModelMeta } from '@log-sentinel/model-registry';
import { DetectorError } from './errors';
import { feedbackToJson, type FeedbackState } from './feedback-state';
import { MODEL_FILES, featureParams } from './model-format';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord } from './record';
import type { ScoreContext } from './scorer';
import { acceptedValueZ } from './value-scoring';

/** Result of {@link applyFeedback}. */
export interface AppliedFeedback {
  /** Records accepted. */
  accepted: number;
  /** Templates that became normal. */
  templateIds: string[];
  /** Windows DeepLog was fine-tuned on. */
  windowsLearned: number;
  /** Files of the new version. */
  files: ModelFile[];
  /** Manifest fields of the new version. */
  meta: ModelMeta;
}

/**
 * Builds the feedback version. The window before a record is taken from its session's recent
 * keys: up to the last occurrence of the record's key when the record was scored already,
 * else the whole recent window.
 */
export async function applyFeedback(rt: ModelRuntime, ctx: ScoreContext, records: DetectRecord[], note: string): Promise<AppliedFeedback> {
  const p = rt.parts;
  const fb: FeedbackState = {
    normalTemplates: new Set(p.feedback.normalTemplates),
    acceptedTransitions: new Set(p.feedback.acceptedTransitions),
    iforestAccepted: new Map(p.feedback.iforestAccepted),
    valueAccepted: new Map(p.feedback.valueAccepted),
    rounds: p.feedback.rounds + 1,
    notes: note ? [...p.feedback.notes, note] : [...p.feedback.notes],
  };
  const templateIds: string[] = [];
  const queries: NextKeyQuery[] = [];
  for (const raw of records) {
    const prepared = p.preprocessor.apply(raw);
    const r = prepared.record;
    const a = prepared.key === undefined ? p.miner.add(r.message) : undefined;
    const tid = prepared.key ?? a!.cluster.templateId;
    if (!p.knownTemplates.has(tid) && !fb.normalTemplates.has(tid)) {
      fb.normalTemplates.add(tid);
      templateIds.push(tid);
    }
    const sid = prepared.sessionId || ctx.sessionKey(r);
    const state = ctx.sessions.peek(sid);
    let keys = state && state.generation === rt.generation ? state.keys : [];
    const idx = p.vocab.indexOf(tid);
    const last = idx >= 0 ? keys.lastIndexOf(idx) : -1;
    if (last >= 0) keys = keys.slice(0, last);
    const history = keys.slice(-p.window).map((k) => p.vocab.keyAt(k));
    queries.push({ history, next: tid });
    // Isolation Forest: this record's outlierness is normal for its template.
    const base = { templateId: tid, params: featureParams(a?.params ?? []), level: r.level, messageLength: r.message.length, timestampMs: prepared.eventTimeMs };
    const s1 = p.outlier.scoreMany([{ ...base, prevTimestampMs: undefined }])[0]!;
    const s2 = state?.lastTimestampMs !== undefined && prepared.eventTimeMs !== undefined ? p.outlier.scoreMany([{ ...base, prevTimestampMs: state.lastTimestampMs }])[0]! : 0;
    fb.iforestAccepted.set(tid, Math.max(fb.iforestAccepted.get(tid) ?? 0, s1, s2));
    // Parameter values: this record's distance from the value model's prediction is normal for its template.
    const z = acceptedValueZ(rt, tid, a?.params ?? [], prepared.eventTimeMs, state?.lastEventMs);
    if (z !== undefined) fb.valueAccepted.set(tid, Math.max(fb.valueAccepted.get(tid) ?? 0, z));
  }
  let model;
  try {
    model = await fineTuneDeepLog(p.deeplogModel, { windows: queries }, { threads: 1 });
  } catch (err) {
    throw new DetectorError('INTERNAL', `DeepLog fine-tune failed: ${(err as Error).message}`, { cause: err });
  }
  // Guarantee: the exact transitions marked normal are accepted even if one round did not move them into the top-g.
  const vocab = model.vocabulary;
  const T = model.config.window;
  for (const q of queries) {
    // the scorer's window key: a history entry the vocabulary lacks (padding, an unseen key) is padding
    const h = q.history.slice(-T).map((k) => Math.max(PAD_INDEX, vocab.indexOf(k)));
    fb.acceptedTransitions.add(`${windowCacheKey(h)}>${vocab.indexOf(q.next!)}`);
  }
  const files: ModelFile[] = [];
  for (const [name, data] of p.files) {
    if (name === MODEL_FILES.drain || name === DEEPLOG_FILES.onnx || name === DEEPLOG_FILES.json || name === MODEL_FILES.feedback) continue;
    files.push({ name, data });
  }
  files.push(
    { name: MODEL_FILES.drain, data: JSON.stringify(p.miner.snapshot()) },
    { name: DEEPLOG_FILES.onnx, data: model.toOnnx() },
    { name: DEEPLOG_FILES.json, data: JSON.stringify(model.toJSON()) },
    { name: MODEL_FILES.feedback, data: feedbackToJson(fb) },
  );
  const m = p.manifest;
  const meta: ModelMeta = {
    kind: 'raw',
    training: { ...m.training, derivedFrom: m.version },
    metrics: { ...m.metrics, feedback: { rounds: fb.rounds, normalTemplates: fb.normalTemplates.size, acceptedTransitions: fb.acceptedTransitions.size } },
    config: m.config,
  };
  return { accepted: records.length, templateIds, windowsLearned: queries.length, files, meta };
}
