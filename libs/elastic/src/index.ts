/**
 * elastic: the Elasticsearch side of Log Sentinel: client creation, the index template
 * (installed idempotently), daily index names, bulk operations, flagged-record queries
 * and retention by index name. Built for the core server (no ILM, data streams, painless).
 */
export type { Client } from '@elastic/elasticsearch';
export { ElasticError, type ElasticErrorCode } from './errors';
export { DEFAULT_ELASTIC_ADDR, createElasticClient, type ElasticClientOptions } from './client';
export { DEFAULT_INDEX_PREFIX, assertIndexPrefix, dailyIndexName, dayOfIndex, expiredIndices, indexPattern } from './index-name';
export { INDEX_TEMPLATE_PATH, checksumOf, installIndexTemplate, loadIndexTemplate, type IndexTemplateBody, type InstallResult } from './template';
export {
  MAX_SEARCH_SIZE,
  bulkOperations,
  flaggedQuery,
  indexDocument,
  listIndices,
  searchFlagged,
  type BulkPair,
  type FlaggedQueryOptions,
  type StoredHit,
} from './documents';
export { deleteExpiredIndices } from './retention';
export { anomalyFilter, findDocuments, findTemplateRecords, searchAnomalies, type AnomalyQueryOptions } from './anomalies';
export { searchAnomalyGroups, searchGroupDocuments, searchTemplateAnomalies, searchPatterns, searchSession, searchSessions, searchTemplateExamples } from './console';
