/**
 * console-api: what the web console's JSON API (`/api/...`) answers — reply types, query
 * validation, alert-group summaries, template parameters, and the local index of patterns
 * and sessions used when Elasticsearch is not there. Pure: no I/O, no clock it is not given.
 */
export type {
  AnomaliesReply,
  AnomalyGroupSummary,
  ConsoleSource,
  DetectorStatus,
  GroupDocumentsReply,
  PatternExample,
  PatternExamplesReply,
  PatternSeries,
  PatternsReply,
  SessionReply,
  SessionStep,
  SessionSummary,
  SessionsReply,
  StatusReply,
} from './types';
export {
  ConsoleQueryError,
  DEFAULT_BUCKETS,
  DEFAULT_RANGE_MS,
  MAX_BUCKETS,
  MIN_STEP_MS,
  bucketStarts,
  niceStep,
  parseDuration,
  parseGroupBy,
  parseKind,
  parseLimit,
  parseOptionalTime,
  parseSince,
  requireParam,
  parsePatternsQuery,
  parseTime,
  type PatternsQuery,
} from './query';
export { templateParams } from './params';
export { MAX_GROUP_SERVICES, TEMPLATE_GROUP_PREFIX, groupKey, summarizeGroups, type GroupBy } from './groups';
export { DEFAULT_LOCAL_INDEX_OPTIONS, LocalIndex, sortSessions, toExample, toStep, type LocalIndexOptions } from './local-index';
