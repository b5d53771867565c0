// Original file: sentinel/detector/v1/detector.proto

import type { LogRecord as _sentinel_detector_v1_LogRecord, LogRecord__Output as _sentinel_detector_v1_LogRecord__Output } from '../../../sentinel/detector/v1/LogRecord';

export interface FeedbackRequest {
  /**
   * Records an operator marked normal (with their session ids where known).
   */
  'records'?: (_sentinel_detector_v1_LogRecord)[];
  /**
   * Optional note kept in the model's feedback log.
   */
  'note'?: (string);
}

export interface FeedbackRequest__Output {
  /**
   * Records an operator marked normal (with their session ids where known).
   */
  'records': (_sentinel_detector_v1_LogRecord__Output)[];
  /**
   * Optional note kept in the model's feedback log.
   */
  'note': (string);
}
