// Original file: sentinel/detector/v1/detector.proto

import type { DetectResult as _sentinel_detector_v1_DetectResult, DetectResult__Output as _sentinel_detector_v1_DetectResult__Output } from '../../../sentinel/detector/v1/DetectResult';

export interface DetectResponse {
  /**
   * One per request record, in request order.
   */
  'results'?: (_sentinel_detector_v1_DetectResult)[];
}

export interface DetectResponse__Output {
  /**
   * One per request record, in request order.
   */
  'results': (_sentinel_detector_v1_DetectResult__Output)[];
}
