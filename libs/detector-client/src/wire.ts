/** Mapping between the collector's records/verdicts and the detector's wire types. */
import type { DetectResult__Output, LogRecord as WireRecord } from '@log-sentinel/proto';
import type { AnomalyVerdict, LogRecord } from '@log-sentinel/schema';

/** Outcome of scoring records. */
export interface ScoreOutcome {
  /** One verdict per record, in order (`pending` for those not scored). */
  verdicts: AnomalyVerdict[];
  /** Records that got a real verdict. */
  scored: number;
}

/** Longest message sent to the detector (its default per-record limit is 64 KiB). */
const MAX_MESSAGE_CHARS = 16 * 1024;

/** Maps a record to the wire type (messages capped at {@link MAX_MESSAGE_CHARS}). */
export function toWireRecord(r: LogRecord): WireRecord {
  const ms = Date.parse(r.timestamp);
  const out: WireRecord = {
    id: r.id,
    message: r.message.length > MAX_MESSAGE_CHARS ? r.message.slice(0, MAX_MESSAGE_CHARS) : r.message,
    level: r.level ?? '',
    service: r.service ?? '',
    host: r.host ?? '',
    session_id: r.sessionId ?? '',
    labels: r.labels,
  };
  if (Number.isFinite(ms)) out.timestamp = { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  return out;
}

/** Maps one wire result to a verdict. */
export function fromWireResult(r: DetectResult__Output): AnomalyVerdict {
  const v: AnomalyVerdict = {
    isAnomaly: r.is_anomaly,
    score: Number.isFinite(r.score) ? Math.min(1, Math.max(0, r.score)) : 0,
    reasons: [...r.reasons],
    status: r.status === 'learning' ? 'learning' : 'scored',
  };
  if (r.model_version) v.modelVersion = r.model_version;
  if (r.template_id) v.templateId = r.template_id;
  if (r.template) v.template = r.template;
  if (r.session_id) v.sessionId = r.session_id;
  return v;
}
