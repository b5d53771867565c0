/**
 * The Elasticsearch document of a closed session's verdict (`anomaly.kind: "session"`): a
 * document of its own beside the session's records, with a deterministic `event.id`.
 */
import { v5 as uuidv5 } from 'uuid';
import { sessionGroup } from './anomaly-group';
import type { ElasticLogDocument } from './elastic-document';
import type { SessionVerdict } from './record';

/** UUID namespace of session-verdict event ids (fixed forever). */
export const SESSION_EVENT_ID_NAMESPACE = 'c0d7a3e2-5b8f-4e61-9a3d-1f4e2b6c8d90';

/** Event id of a session verdict: a UUIDv5 of session id, model version and close time. */
export function sessionEventId(v: Pick<SessionVerdict, 'sessionId' | 'modelVersion' | 'closedAt'>): string {
  return uuidv5(`${v.sessionId}\u0000${v.modelVersion}\u0000${v.closedAt}`, SESSION_EVENT_ID_NAMESPACE);
}

/** Maps a session verdict to its document (`@timestamp` = close time; `message` says what closed and why). */
export function toSessionDocument(v: SessionVerdict): ElasticLogDocument {
  const why = v.explanation || (v.reasons.length ? v.reasons.join(', ') : v.isAnomaly ? 'flagged' : 'normal');
  const message = `session ${v.sessionId} closed after ${v.records} records (${v.flaggedRecords} flagged): ${why}`;
  const doc: ElasticLogDocument = {
    '@timestamp': v.closedAt,
    message,
    event: {
      id: sessionEventId(v),
      original: JSON.stringify({ session_id: v.sessionId, is_anomaly: v.isAnomaly, score: v.score, reasons: v.reasons, model_version: v.modelVersion, explanation: v.explanation, records: v.records, flagged_records: v.flaggedRecords, recent: v.recent }),
      ingested: v.closedAt,
    },
    session: { id: v.sessionId, records: v.records, flagged_records: v.flaggedRecords, recent_templates: [...v.recent] },
    anomaly: { kind: 'session', is_anomaly: v.isAnomaly, score: v.score, reasons: [...v.reasons], status: v.status },
  };
  const anomaly = doc.anomaly!;
  if (v.modelVersion) anomaly.model_version = v.modelVersion;
  if (v.explanation || v.recent.length) {
    anomaly.explanation = {};
    if (v.explanation) anomaly.explanation.text = v.explanation;
    if (v.recent.length) anomaly.explanation.recent = [...v.recent];
  }
  if (v.isAnomaly) anomaly.group = sessionGroup(v.reasons, v.recent);
  return doc;
}
