// Original file: sentinel/detector/v1/detector.proto

import type { LogRecord as _sentinel_detector_v1_LogRecord, LogRecord__Output as _sentinel_detector_v1_LogRecord__Output } from '../../../sentinel/detector/v1/LogRecord';

export interface DetectRequest {
  /**
   * Records to score, at most the server's max_records_per_request.
   */
  'records'?: (_sentinel_detector_v1_LogRecord)[];
  /**
   * When true, the detector does not learn from these records (pure inference).
   */
  'dry_run'?: (boolean);
  /**
   * When true, every result carries the per-model detail (deeplog, iforest, params); by
   * default only flagged results do, which keeps large batches cheap to encode.
   */
  'explain'?: (boolean);
}

export interface DetectRequest__Output {
  /**
   * Records to score, at most the server's max_records_per_request.
   */
  'records': (_sentinel_detector_v1_LogRecord__Output)[];
  /**
   * When true, the detector does not learn from these records (pure inference).
   */
  'dry_run': (boolean);
  /**
   * When true, every result carries the per-model detail (deeplog, iforest, params); by
   * default only flagged results do, which keeps large batches cheap to encode.
   */
  'explain': (boolean);
}
