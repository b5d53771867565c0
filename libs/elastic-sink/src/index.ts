/**
 * elastic-sink: the collector's Elasticsearch side — the `_bulk` sink (per-item results),
 * the spool → Elasticsearch delivery loop (batching, retry, dead letters), the spool record
 * format and the re-scorer of documents stored as pending.
 */
export { ElasticsearchSink, type SinkItem, type SinkResult } from './sink';
export { DeadLetterWriter, deadLetterIndex, type DeadLetter } from './dead-letter';
export { Delivery, backoffMs, type DeliveryOptions, type DeliveryMetrics, type CountMetric } from './delivery';
export { Rescorer } from './rescorer';
export { SessionVerdictSpooler, type SpoolAppender } from './session-verdicts';
export { encodeSpoolRecord, encodeSessionVerdict, decodeSpoolRecord, recordOfSpooled, withVerdict, type SpoolMeta, type SpooledDoc } from './spool-record';
export type { RecordScorer } from './scorer';
