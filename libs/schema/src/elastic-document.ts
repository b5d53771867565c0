import { SchemaError } from './errors';
import { isPlainObject } from './flatten';
import { recordGroup } from './anomaly-group';
import { ANOMALY_STATUSES, type AnomalyExplanation, type AnomalyKind, type AnomalyStatus, type AnomalyVerdict, type LogRecord, type ModelVerdicts } from './record';

/** `anomaly.explanation` as stored (snake_case like the other stored fields). */
export interface ElasticExplanation {
  /** The detector's one-line explanation. */
  text?: string;
  /** The observed template (or masked text when new). */
  observed?: string;
  /** Expected templates, most probable first. */
  expected?: Array<{ template_id: string; template: string; probability: number }>;
  /** The session's last templates before the record (or before it closed), oldest first. */
  recent?: string[];
}

/** `anomaly.models` as stored. */
export interface ElasticModelVerdicts {
  /** DeepLog: rank of the observed key (1 = most probable, 0 = unseen) and its probability. */
  deeplog?: { is_anomaly: boolean; rank: number; probability: number };
  /** Isolation Forest: score 0..1 and threshold. */
  iforest?: { is_anomaly: boolean; score: number; threshold: number };
}

/** `anomaly.*` of a stored document. */
export interface ElasticAnomaly {
  /** `record` (one log record) or `session` (a closed session's verdict). */
  kind?: AnomalyKind;
  /** Flagged. */
  is_anomaly: boolean;
  /** 0..1. */
  score: number;
  /** Machine-readable reasons. */
  reasons: string[];
  /** Detector status. */
  status: AnomalyStatus;
  /** Model version. */
  model_version?: string;
  /** Why it was flagged (flagged records; every session verdict). */
  explanation?: ElasticExplanation;
  /** Each model's own view (flagged records). */
  models?: ElasticModelVerdicts;
  /** Alert group of a flagged document (see `anomaly-group.ts`). */
  group?: string;
  /** Reply-only (`GET /anomalies` grouped): documents of this group, this one included. */
  repeats?: number;
  /** Reply-only (`GET /anomalies` grouped): `@timestamp` of the group's newest document. */
  last_seen?: string;
}

/**
 * The Elasticsearch `_source` of one record (ECS names; detector output under `anomaly`,
 * `template`, `session`). The document `_id` is `event.id`. Mapped by
 * `infra/elastic/index-template.json`.
 */
export interface ElasticLogDocument {
  /** Event time, ISO 8601 UTC. */
  '@timestamp': string;
  /** The log message. */
  message: string;
  /** Level, file and offset (`log.level`, `log.file.path`, `log.offset`). */
  log?: { level?: string; file?: { path: string }; offset?: number };
  /** Emitting service (`service.name`). */
  service?: { name: string };
  /** Emitting host (`host.name`). */
  host?: { name: string };
  /** Identity and provenance (`event.id`, `event.original`, `event.ingested`; `event.created` = an event time outside the accepted window). */
  event: { id: string; original: string; ingested: string; created?: string };
  /** Unknown input fields, flattened, as strings. */
  labels?: Record<string, string>;
  /** Detector verdict. */
  anomaly?: ElasticAnomaly;
  /** Drain template. */
  template?: { id?: string; text?: string };
  /** Session (the record's own, else the detector's); counts and recent templates on session documents. */
  session?: { id: string; records?: number; flagged_records?: number; recent_templates?: string[] };
}

/** Field paths clients query, as constants so a rename is one change. */
export const ES_FIELDS = {
  timestamp: '@timestamp',
  message: 'message',
  level: 'log.level',
  filePath: 'log.file.path',
  offset: 'log.offset',
  service: 'service.name',
  host: 'host.name',
  eventId: 'event.id',
  original: 'event.original',
  ingested: 'event.ingested',
  created: 'event.created',
  labels: 'labels',
  isAnomaly: 'anomaly.is_anomaly',
  score: 'anomaly.score',
  reasons: 'anomaly.reasons',
  status: 'anomaly.status',
  modelVersion: 'anomaly.model_version',
  kind: 'anomaly.kind',
  group: 'anomaly.group',
  templateId: 'template.id',
  templateText: 'template.text',
  sessionId: 'session.id',
} as const;

/** Maps a record (and its verdict, when scored or pending) to its Elasticsearch document. */
export function toElasticDocument(record: LogRecord, verdict?: AnomalyVerdict): ElasticLogDocument {
  const doc: ElasticLogDocument = {
    '@timestamp': record.timestamp,
    message: record.message,
    event: { id: record.id, original: record.original, ingested: record.ingested },
  };
  const log: NonNullable<ElasticLogDocument['log']> = {};
  if (record.level !== undefined) log.level = record.level;
  if (record.file) {
    log.file = { path: record.file.path };
    log.offset = record.file.offset;
  }
  if (record.created !== undefined) doc.event.created = record.created;
  if (Object.keys(log).length > 0) doc.log = log;
  if (record.service !== undefined) doc.service = { name: record.service };
  if (record.host !== undefined) doc.host = { name: record.host };
  if (Object.keys(record.labels).length > 0) doc.labels = { ...record.labels };
  const sessionId = record.sessionId ?? verdict?.sessionId;
  if (sessionId !== undefined) doc.session = { id: sessionId };
  if (verdict) {
    doc.anomaly = { kind: 'record', is_anomaly: verdict.isAnomaly, score: verdict.score, reasons: [...verdict.reasons], status: verdict.status };
    if (verdict.modelVersion !== undefined) doc.anomaly.model_version = verdict.modelVersion;
    if (verdict.isAnomaly) {
      if (verdict.explanation) doc.anomaly.explanation = toElasticExplanation(verdict.explanation);
      if (verdict.models) doc.anomaly.models = toElasticModels(verdict.models);
      doc.anomaly.group = recordGroup(verdict.reasons, verdict.templateId, verdict.explanation?.recent);
    }
    if (verdict.templateId !== undefined || verdict.template !== undefined) {
      doc.template = {};
      if (verdict.templateId !== undefined) doc.template.id = verdict.templateId;
      if (verdict.template !== undefined) doc.template.text = verdict.template;
    }
  }
  return doc;
}

/** A record read back from Elasticsearch with its verdict (absent when never scored). */
export interface StoredRecord {
  /** The record. */
  record: LogRecord;
  /** The stored verdict, if any. */
  verdict?: AnomalyVerdict;
}

/**
 * Reads an Elasticsearch `_source` back into a record and verdict. Throws
 * {@link SchemaError} `INVALID_DOCUMENT` naming the field when the document is not ours.
 * `timestampAssigned` and `origin` are not stored; they come back as `false` and
 * `file`/`http` (by presence of `log.file.path`).
 */
export function fromElasticDocument(source: unknown): StoredRecord {
  if (!isPlainObject(source)) throw invalid('(document)', 'must be an object');
  const event = objectAt(source, 'event');
  const log = optionalObjectAt(source, 'log');
  const file = log ? optionalObjectAt(log, 'file', 'log.') : undefined;
  const record: LogRecord = {
    id: stringAt(event, 'id', 'event.'),
    timestamp: stringAt(source, '@timestamp'),
    timestampAssigned: false,
    message: stringAt(source, 'message'),
    labels: {},
    original: stringAt(event, 'original', 'event.'),
    ingested: stringAt(event, 'ingested', 'event.'),
    origin: file ? 'file' : 'http',
  };
  if (event['created'] !== undefined) record.created = stringAt(event, 'created', 'event.');
  if (log?.['level'] !== undefined) record.level = stringAt(log, 'level', 'log.');
  if (file) {
    const offset = log?.['offset'];
    if (typeof offset !== 'number') throw invalid('log.offset', 'must be a number when log.file.path is set');
    record.file = { path: stringAt(file, 'path', 'log.file.'), offset };
  }
  const service = optionalObjectAt(source, 'service');
  if (service) record.service = stringAt(service, 'name', 'service.');
  const host = optionalObjectAt(source, 'host');
  if (host) record.host = stringAt(host, 'name', 'host.');
  const session = optionalObjectAt(source, 'session');
  if (session) record.sessionId = stringAt(session, 'id', 'session.');
  const labels = optionalObjectAt(source, 'labels');
  if (labels) {
    for (const [k, v] of Object.entries(labels)) record.labels[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const anomaly = optionalObjectAt(source, 'anomaly');
  if (!anomaly) return { record };
  const status = stringAt(anomaly, 'status', 'anomaly.');
  if (!ANOMALY_STATUSES.includes(status as AnomalyStatus)) throw invalid('anomaly.status', `unknown status "${status}"`);
  const isAnomaly = anomaly['is_anomaly'];
  const score = anomaly['score'];
  const reasons = anomaly['reasons'] ?? [];
  if (typeof isAnomaly !== 'boolean') throw invalid('anomaly.is_anomaly', 'must be a boolean');
  if (typeof score !== 'number') throw invalid('anomaly.score', 'must be a number');
  if (!Array.isArray(reasons) || !reasons.every((r) => typeof r === 'string')) throw invalid('anomaly.reasons', 'must be an array of strings');
  const verdict: AnomalyVerdict = { isAnomaly, score, reasons: [...(reasons as string[])], status: status as AnomalyStatus };
  if (anomaly['model_version'] !== undefined) verdict.modelVersion = stringAt(anomaly, 'model_version', 'anomaly.');
  const template = optionalObjectAt(source, 'template');
  if (template?.['id'] !== undefined) verdict.templateId = stringAt(template, 'id', 'template.');
  if (template?.['text'] !== undefined) verdict.template = stringAt(template, 'text', 'template.');
  if (record.sessionId !== undefined) verdict.sessionId = record.sessionId;
  const explanation = optionalObjectAt(anomaly, 'explanation', 'anomaly.');
  if (explanation) verdict.explanation = fromElasticExplanation(explanation);
  const models = optionalObjectAt(anomaly, 'models', 'anomaly.');
  if (models) verdict.models = fromElasticModels(models);
  return { record, verdict };
}

function toElasticModels(m: ModelVerdicts): ElasticModelVerdicts {
  const out: ElasticModelVerdicts = {};
  if (m.deeplog) out.deeplog = { is_anomaly: m.deeplog.isAnomaly, rank: m.deeplog.rank, probability: m.deeplog.probability };
  if (m.iforest) out.iforest = { is_anomaly: m.iforest.isAnomaly, score: m.iforest.score, threshold: m.iforest.threshold };
  return out;
}

function fromElasticModels(m: Record<string, unknown>): ModelVerdicts {
  const out: ModelVerdicts = {};
  const d = m['deeplog'] as Record<string, unknown> | undefined;
  const f = m['iforest'] as Record<string, unknown> | undefined;
  if (d) out.deeplog = { isAnomaly: d['is_anomaly'] === true, rank: Number(d['rank'] ?? 0), probability: Number(d['probability'] ?? 0) };
  if (f) out.iforest = { isAnomaly: f['is_anomaly'] === true, score: Number(f['score'] ?? 0), threshold: Number(f['threshold'] ?? 0) };
  return out;
}

/** A verdict's explanation as stored under `anomaly.explanation`. */
export function toElasticExplanation(e: AnomalyExplanation): ElasticExplanation {
  const out: ElasticExplanation = {};
  if (e.text) out.text = e.text;
  if (e.observed) out.observed = e.observed;
  if (e.expected?.length) out.expected = e.expected.map((x) => ({ template_id: x.templateId, template: x.template, probability: x.probability }));
  if (e.recent?.length) out.recent = [...e.recent];
  return out;
}

function fromElasticExplanation(e: Record<string, unknown>): AnomalyExplanation {
  const out: AnomalyExplanation = {};
  if (typeof e['text'] === 'string') out.text = e['text'];
  if (typeof e['observed'] === 'string') out.observed = e['observed'];
  if (Array.isArray(e['expected'])) {
    out.expected = (e['expected'] as Array<Record<string, unknown>>).map((x) => ({
      templateId: String(x['template_id'] ?? ''),
      template: String(x['template'] ?? ''),
      probability: Number(x['probability'] ?? 0),
    }));
  }
  if (Array.isArray(e['recent'])) out.recent = (e['recent'] as unknown[]).map(String);
  return out;
}

function invalid(field: string, reason: string): SchemaError {
  return new SchemaError('INVALID_DOCUMENT', `document field ${field} ${reason}`);
}

function stringAt(obj: Record<string, unknown>, key: string, prefix = ''): string {
  const value = obj[key];
  if (typeof value !== 'string') throw invalid(prefix + key, 'must be a string');
  return value;
}

function objectAt(obj: Record<string, unknown>, key: string, prefix = ''): Record<string, unknown> {
  const value = obj[key];
  if (!isPlainObject(value)) throw invalid(prefix + key, 'must be an object');
  return value;
}

function optionalObjectAt(obj: Record<string, unknown>, key: string, prefix = ''): Record<string, unknown> | undefined {
  return obj[key] === undefined ? undefined : objectAt(obj, key, prefix);
}
