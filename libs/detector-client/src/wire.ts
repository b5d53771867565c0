/** Mapping between the collector's records/verdicts and the detector's wire types. */
import { timestampFromMs, type wire } from '@log-sentinel/proto';
import type { AnomalyExplanation, AnomalyVerdict, LogRecord, SessionVerdict } from '@log-sentinel/schema';

/** Outcome of scoring records. */
export interface ScoreOutcome {
  /** One verdict per record, in order (`pending` for those not scored). */
  verdicts: AnomalyVerdict[];
  /** Records that got a real verdict. */
  scored: number;
}

/** The detector's answer to `Feedback`. */
export interface FeedbackOutcome {
  /** Records accepted. */
  accepted: number;
  /** Templates that became normal. */
  templateIds: string[];
  /** Windows DeepLog was fine-tuned on. */
  windowsLearned: number;
  /** The version the feedback wrote (now serving). */
  modelVersion: string;
}

/** Longest message sent to the detector (its default per-record limit is 64 KiB). */
const MAX_MESSAGE_CHARS = 16 * 1024;

/** Maps a record to the wire type (messages capped at {@link MAX_MESSAGE_CHARS}). */
export function toWireRecord(r: LogRecord): wire.ILogRecord {
  const ms = Date.parse(r.timestamp);
  const out: wire.ILogRecord = {
    id: r.id,
    message: r.message.length > MAX_MESSAGE_CHARS ? r.message.slice(0, MAX_MESSAGE_CHARS) : r.message,
    level: r.level ?? '',
    service: r.service ?? '',
    host: r.host ?? '',
    session_id: r.sessionId ?? '',
    labels: r.labels,
  };
  if (Number.isFinite(ms)) out.timestamp = timestampFromMs(ms);
  return out;
}

const clamp01 = (x: number | null | undefined): number => (typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function fromWireExplanation(text: string, d: wire.IExplanation | null | undefined): AnomalyExplanation | undefined {
  if (!text && !d) return undefined;
  const e: AnomalyExplanation = {};
  if (text) e.text = text;
  if (d?.observed) e.observed = d.observed;
  if (d?.expected?.length) e.expected = d.expected.map((x) => ({ templateId: x.template_id ?? '', template: x.template ?? '', probability: clamp01(x.probability) }));
  if (d?.recent?.length) e.recent = [...d.recent];
  return e;
}

/** Maps one wire result to a verdict. */
export function fromWireResult(r: wire.IDetectResult): AnomalyVerdict {
  const v: AnomalyVerdict = {
    isAnomaly: r.is_anomaly === true,
    score: clamp01(r.score),
    reasons: [...(r.reasons ?? [])],
    status: r.status === 'learning' ? 'learning' : 'scored',
  };
  if (r.model_version) v.modelVersion = r.model_version;
  if (r.template_id) v.templateId = r.template_id;
  if (r.template) v.template = r.template;
  if (r.session_id) v.sessionId = r.session_id;
  const explanation = r.is_anomaly ? fromWireExplanation(r.explanation ?? '', r.explanation_detail) : undefined;
  if (explanation) v.explanation = explanation;
  // Each model's view is kept for flagged records (what an operator reads next to the explanation).
  if (r.is_anomaly && (r.deeplog || r.iforest)) {
    v.models = {};
    if (r.deeplog) v.models.deeplog = { isAnomaly: r.deeplog.is_anomaly === true, rank: r.deeplog.rank ?? 0, probability: r.deeplog.probability ?? 0 };
    if (r.iforest) v.models.iforest = { isAnomaly: r.iforest.is_anomaly === true, score: r.iforest.score ?? 0, threshold: r.iforest.threshold ?? 0 };
  }
  return v;
}

/** Maps a session verdict the detector sent, stamped with when the collector received it. */
export function fromWireSessionVerdict(s: wire.ISessionVerdict, closedAt: Date): SessionVerdict {
  return {
    sessionId: s.session_id ?? '',
    isAnomaly: s.is_anomaly === true,
    score: clamp01(s.score),
    reasons: [...(s.reasons ?? [])],
    modelVersion: s.model_version ?? '',
    explanation: s.explanation ?? '',
    records: s.records ?? 0,
    flaggedRecords: s.flagged_records ?? 0,
    recent: [...(s.recent ?? [])],
    closedAt: closedAt.toISOString(),
    status: s.status === 'learning' ? 'learning' : 'scored',
  };
}

/** Maps the wire `FeedbackResponse`. */
export function fromWireFeedback(f: wire.IFeedbackResponse): FeedbackOutcome {
  return { accepted: f.accepted ?? 0, templateIds: [...(f.template_ids ?? [])], windowsLearned: f.windows_learned ?? 0, modelVersion: f.model_version ?? '' };
}

/** What a detector serves (`GetModel`), as the collector shows it. */
export interface DetectorModelInfo {
  /** Serving version; empty while learning. */
  version: string;
  /** `scored` (a model serves) or `learning`. */
  status: string;
  /** Templates Drain knows. */
  templates: number;
  /** DeepLog's vocabulary size. */
  vocabulary: number;
  /** Records collected for the first model. */
  learningRecords: number;
  /** Records the first model waits for. */
  learningTarget: number;
  /** Problems an operator must know about. */
  warnings: string[];
}

/** Maps a `GetModel` reply. */
export function fromWireModelInfo(m: wire.IModelInfo): DetectorModelInfo {
  return {
    version: m.version ?? '',
    status: m.status ?? '',
    templates: m.templates ?? 0,
    vocabulary: m.vocabulary ?? 0,
    learningRecords: m.learning_records ? m.learning_records.toNumber() : 0,
    learningTarget: m.learning_target ? m.learning_target.toNumber() : 0,
    warnings: [...(m.warnings ?? [])],
  };
}
