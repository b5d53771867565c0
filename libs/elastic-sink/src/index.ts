/**
 * elastic-sink: the collector's Elasticsearch side, which only writes — the `_bulk` sink
 * (per-item results), the scored spool → Elasticsearch delivery loop (batching, retry,
 * dead letters, a stop on refused credentials).
 */
export { ElasticsearchSink, type SinkItem, type SinkResult } from './sink';
export { DeadLetterWriter, deadLetterIndex, type DeadLetter } from './dead-letter';
export { Delivery, backoffMs, type DeliveryOptions, type DeliveryMetrics, type CountMetric } from './delivery';
