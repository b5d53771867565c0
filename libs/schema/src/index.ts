/**
 * schema: the LogRecord domain type, normalizers for every accepted input (Log Sentinel
 * JSON, ECS JSON, pino JSON, NDJSON, plain text, file lines), timestamp parsing, event ids
 * and the mapping to and from the Elasticsearch document. Pure: no I/O.
 */
export type {
  ModelVerdicts,
  AnomalyExplanation,
  AnomalyKind,
  AnomalyStatus,
  ExpectedTemplate,
  SessionVerdict,
  SessionVerdictFields,
  AnomalyVerdict,
  FilePosition,
  ItemError,
  LogRecord,
  NormalizeBatchResult,
  NormalizeContext,
  NormalizeItemResult,
  RecordOrigin,
} from './record';
export { ANOMALY_STATUSES, pendingVerdict } from './record';
export { SchemaError, type SchemaErrorCode } from './errors';
export { FILE_EVENT_ID_NAMESPACE, MAX_EVENT_ID_BYTES, eventIdProblem, fileEventId, newEventId } from './event-id';
export { TIMESTAMP_FORMS, formatTimestamp, parseTimestamp, type TimestampOptions } from './timestamp';
export { findLevelInLine, leadingLevel, levelFromNumber } from './levels';
export { MAX_FIELDS_PER_RECORD, MAX_FIELD_NAME_LENGTH, MAX_JSON_DEPTH, fieldShapeProblem, flattenObject, jsonDepth, storableFieldName } from './flatten';
export { DEFAULT_MAX_EVENT_AGE_MS, MAX_EVENT_AHEAD_MS, windowEventTime } from './event-time';
export { FIELD_ALIASES, normalizeObject, type ItemOptions } from './normalize-object';
export { MAX_LINE_CHARS, findTimestampInLine, leadingTimestamp, normalizeFileLine, normalizeLine, type FileLine } from './normalize-line';
export {
  bodyFormatOf,
  normalizeBody,
  normalizeJson,
  normalizeJsonItem,
  normalizeNdjson,
  normalizeText,
  type BodyFormat,
} from './normalize-body';
export {
  ES_FIELDS,
  fromElasticDocument,
  toElasticDocument,
  toElasticExplanation,
  type ElasticAnomaly,
  type ElasticExplanation,
  type ElasticLogDocument,
  type StoredRecord,
} from './elastic-document';
export { MAX_GROUP_CHARS, groupAnomalies, recordGroup, sessionGroup } from './anomaly-group';
export { SESSION_EVENT_ID_NAMESPACE, sessionEventId, toSessionDocument } from './session-document';
export { countBodyItems } from './body-items';
