// Original file: sentinel/detector/v1/detector.proto

import type { TrainOptions as _sentinel_detector_v1_TrainOptions, TrainOptions__Output as _sentinel_detector_v1_TrainOptions__Output } from '../../../sentinel/detector/v1/TrainOptions';
import type { LogRecord as _sentinel_detector_v1_LogRecord, LogRecord__Output as _sentinel_detector_v1_LogRecord__Output } from '../../../sentinel/detector/v1/LogRecord';

export interface TrainRequest {
  /**
   * Options, read from the first message only.
   */
  'options'?: (_sentinel_detector_v1_TrainOptions | null);
  'records'?: (_sentinel_detector_v1_LogRecord)[];
}

export interface TrainRequest__Output {
  /**
   * Options, read from the first message only.
   */
  'options': (_sentinel_detector_v1_TrainOptions__Output | null);
  'records': (_sentinel_detector_v1_LogRecord__Output)[];
}
