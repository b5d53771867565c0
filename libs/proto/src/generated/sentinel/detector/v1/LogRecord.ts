// Original file: sentinel/detector/v1/detector.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * One log record as the detector sees it.
 */
export interface LogRecord {
  /**
   * Stable record id (the Elasticsearch event.id); echoed as DetectResult.record_id.
   */
  'id'?: (string);
  /**
   * The log message (content after any header).
   */
  'message'?: (string);
  /**
   * Event time; unset means "now" for time-based features.
   */
  'timestamp'?: (_google_protobuf_Timestamp | null);
  /**
   * Log level as sent (e.g. INFO, WARN, ERROR); normalised by the detector.
   */
  'level'?: (string);
  /**
   * Emitting service (ECS service.name).
   */
  'service'?: (string);
  /**
   * Emitting host (ECS host.name).
   */
  'host'?: (string);
  /**
   * Session the record belongs to; empty means the detector derives one.
   */
  'session_id'?: (string);
  /**
   * Extra key/value labels kept with the record.
   */
  'labels'?: ({[key: string]: string});
}

/**
 * One log record as the detector sees it.
 */
export interface LogRecord__Output {
  /**
   * Stable record id (the Elasticsearch event.id); echoed as DetectResult.record_id.
   */
  'id': (string);
  /**
   * The log message (content after any header).
   */
  'message': (string);
  /**
   * Event time; unset means "now" for time-based features.
   */
  'timestamp': (_google_protobuf_Timestamp__Output | null);
  /**
   * Log level as sent (e.g. INFO, WARN, ERROR); normalised by the detector.
   */
  'level': (string);
  /**
   * Emitting service (ECS service.name).
   */
  'service': (string);
  /**
   * Emitting host (ECS host.name).
   */
  'host': (string);
  /**
   * Session the record belongs to; empty means the detector derives one.
   */
  'session_id': (string);
  /**
   * Extra key/value labels kept with the record.
   */
  'labels': ({[key: string]: string});
}
