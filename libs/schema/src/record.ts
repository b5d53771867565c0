/** Where a record came from: an HTTP body or a tailed file. */
export type RecordOrigin = 'http' | 'file';

/** Position of a record in a tailed file (ECS `log.file.path`, `log.offset`). */
export interface FilePosition {
  /** Path of the file as watched (ECS `log.file.path`). */
  path: string;
  /** Byte offset of the line's first byte in the file (ECS `log.offset`). */
  offset: number;
}

/**
 * One normalised log record: the domain type every component shares (collector, spool,
 * detector client, CLI). Field comments name the Elasticsearch (ECS) field it maps to.
 */
export interface LogRecord {
  /** Stable event id (`event.id`, the document `_id`): client id, UUIDv7 or file identity + offset. */
  id: string;
  /** Event time, ISO 8601 UTC with milliseconds (`@timestamp`); the receipt time when the input had none. */
  timestamp: string;
  /** True when {@link LogRecord.timestamp} is the receipt time: the input carried no timestamp, or one outside the accepted window. */
  timestampAssigned: boolean;
  /** The event time the input gave when it lay outside the accepted window (`event.created`); see `event-time.ts`. */
  created?: string;
  /** The log message (`message`). Never empty. */
  message: string;
  /** Log level as sent, e.g. `INFO`, `warn`, `ERROR` (`log.level`); pino numbers become names. */
  level?: string;
  /** Emitting service (`service.name`; Log Sentinel JSON `source`). */
  service?: string;
  /** Emitting host (`host.name`). */
  host?: string;
  /** Session the record belongs to (`session.id`), when the input names one. */
  sessionId?: string;
  /** Every input field that has no place above, flattened to dotted keys, values as strings (`labels`). */
  labels: Record<string, string>;
  /** The item exactly as received: the raw line or the item's JSON text (`event.original`). */
  original: string;
  /** Receipt time, ISO 8601 UTC (`event.ingested`). */
  ingested: string;
  /** How the record arrived. */
  origin: RecordOrigin;
  /** File and byte offset, for records read from a watched file. */
  file?: FilePosition;
}

/** Detector status stored with a record (`anomaly.status`). */
export type AnomalyStatus = 'scored' | 'learning' | 'pending';

/** All values of {@link AnomalyStatus}. */
export const ANOMALY_STATUSES: readonly AnomalyStatus[] = ['scored', 'learning', 'pending'];

/** The detector's verdict on one record, as stored in Elasticsearch (`anomaly.*`, `template.*`). */
export interface AnomalyVerdict {
  /** Flagged as anomalous (`anomaly.is_anomaly`). */
  isAnomaly: boolean;
  /** Combined score 0..1, higher = more anomalous (`anomaly.score`). */
  score: number;
  /** Machine-readable reasons, e.g. `deeplog.unexpected_key` (`anomaly.reasons`). */
  reasons: string[];
  /** `scored`, `learning`, or `pending` when the detector was unreachable (`anomaly.status`). */
  status: AnomalyStatus;
  /** Model version that scored it (`anomaly.model_version`). */
  modelVersion?: string;
  /** Drain template id (`template.id`). */
  templateId?: string;
  /** Drain template text (`template.text`). */
  template?: string;
  /** Session the detector attributed the record to (`session.id` when the record had none). */
  sessionId?: string;
  /** Why it was flagged, in words a person reads (`anomaly.explanation`; set on flagged records). */
  explanation?: AnomalyExplanation;
  /** Each model's own view of a flagged record (`anomaly.models`). */
  models?: ModelVerdicts;
}

/** Each model's own view of one record (`anomaly.models`): what the combined verdict was made of. */
export interface ModelVerdicts {
  /** DeepLog: the observed key's rank among its predictions (1 = most probable, 0 = unseen key) and probability. */
  deeplog?: { isAnomaly: boolean; rank: number; probability: number };
  /** Isolation Forest: anomaly score 0..1 and the model's threshold. */
  iforest?: { isAnomaly: boolean; score: number; threshold: number };
}

/** A template the model expected, with the probability it gave it. */
export interface ExpectedTemplate {
  /** Template id (the log key). */
  templateId: string;
  /** Template text. */
  template: string;
  /** Probability the model gave it, 0..1. */
  probability: number;
}

/** Why a record was flagged (`anomaly.explanation`): the detector's text and its readable parts. */
export interface AnomalyExplanation {
  /** The detector's one-line explanation (`anomaly.explanation.text`). */
  text?: string;
  /** The template the record matched, or its masked text when new (`anomaly.explanation.observed`). */
  observed?: string;
  /** The most probable templates at that point, most probable first (`anomaly.explanation.expected`). */
  expected?: ExpectedTemplate[];
  /** The session's last templates before the record, oldest first (`anomaly.explanation.recent`). */
  recent?: string[];
}

/** What a stored anomaly document describes (`anomaly.kind`). */
export type AnomalyKind = 'record' | 'session';

/**
 * What the detector says of a closed session, the part both sides of the wire share: the
 * detector pipeline's SessionVerdictView and the collector's {@link SessionVerdict} extend it
 * (the collector does not depend on the pipeline). The Elasticsearch field each one is stored in
 * is named in brackets.
 */
export interface SessionVerdictFields {
  /** Session id (`session.id`). */
  sessionId: string;
  /** Flagged: the end-of-session check failed or a record of the session was flagged (`anomaly.is_anomaly`). */
  isAnomaly: boolean;
  /** 0..1, higher = more anomalous (`anomaly.score`). */
  score: number;
  /** e.g. `deeplog.missing_step` and the distinct reasons of its flagged records (`anomaly.reasons`). */
  reasons: string[];
  /** Version of the model that judged it, '' while learning (`anomaly.model_version`). */
  modelVersion: string;
  /** The detector's human-readable explanation (`anomaly.explanation.text`). */
  explanation: string;
  /** Records the session held (`session.records`). */
  records: number;
  /** Records of the session flagged while it was open (`session.flagged_records`). */
  flaggedRecords: number;
  /** The session's last templates, oldest first (`session.recent_templates`). */
  recent: string[];
}

/** The detector's verdict on a whole session as the collector receives and stores it. */
export interface SessionVerdict extends SessionVerdictFields {
  /** When it closed (the collector's receipt time of the verdict), ISO 8601 UTC (`@timestamp`). */
  closedAt: string;
  /** `scored`, or `learning` when the detector had no model. */
  status: 'scored' | 'learning';
}

/** The verdict stored when the detector could not be asked: not flagged, status `pending`. */
export function pendingVerdict(): AnomalyVerdict {
  return { isAnomaly: false, score: 0, reasons: [], status: 'pending' };
}

/** One rejected item of a batch: its position, the field at fault and why. */
export interface ItemError {
  /** Position of the item: array index, or 0-based line number for NDJSON and text. */
  index: number;
  /** The field at fault in dotted form (e.g. `timestamp`, `log.level`), or `(item)` / `(line)`. */
  field: string;
  /** Human-readable reason, naming the expected form. */
  reason: string;
}

/** Outcome of normalising one item. */
export type NormalizeItemResult = { ok: true; record: LogRecord } | { ok: false; error: ItemError };

/** Outcome of normalising a batch: the accepted records (input order) and the rejected items. */
export interface NormalizeBatchResult {
  /** Records that were accepted, in input order. */
  records: LogRecord[];
  /** Items that were rejected, in input order. */
  errors: ItemError[];
  /** Item index (as in {@link ItemError.index}) of each record, so a later refusal can name its item. */
  indices: number[];
}

/** What the caller knows about the items being normalised. */
export interface NormalizeContext {
  /** Receipt time: `event.ingested`, and `@timestamp` when an item has none. */
  receivedAt: Date;
  /** Id generator for items without a client id; defaults to {@link newEventId} (UUIDv7). */
  newId?: () => string;
  /** How the items arrived; defaults to `http`. */
  origin?: RecordOrigin;
  /** Service name for items that do not name one. */
  defaultService?: string;
  /** Host name for items that do not name one. */
  defaultHost?: string;
}
