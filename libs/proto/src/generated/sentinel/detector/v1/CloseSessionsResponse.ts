// Original file: sentinel/detector/v1/detector.proto

import type { SessionVerdict as _sentinel_detector_v1_SessionVerdict, SessionVerdict__Output as _sentinel_detector_v1_SessionVerdict__Output } from '../../../sentinel/detector/v1/SessionVerdict';

export interface CloseSessionsResponse {
  /**
   * One per requested session id, in request order.
   */
  'results'?: (_sentinel_detector_v1_SessionVerdict)[];
}

export interface CloseSessionsResponse__Output {
  /**
   * One per requested session id, in request order.
   */
  'results': (_sentinel_detector_v1_SessionVerdict__Output)[];
}
