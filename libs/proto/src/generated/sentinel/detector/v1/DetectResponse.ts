// Original file: sentinel/detector/v1/detector.proto

import type { DetectResult as _sentinel_detector_v1_DetectResult, DetectResult__Output as _sentinel_detector_v1_DetectResult__Output } from '../../../sentinel/detector/v1/DetectResult';
import type { SessionVerdict as _sentinel_detector_v1_SessionVerdict, SessionVerdict__Output as _sentinel_detector_v1_SessionVerdict__Output } from '../../../sentinel/detector/v1/SessionVerdict';

export interface DetectResponse {
  /**
   * One per request record, in request order.
   */
  'results'?: (_sentinel_detector_v1_DetectResult)[];
  /**
   * Verdicts of sessions the detector closed by itself (idle timeout) since the previous
   * response on this server; each is delivered once (never on dry_run calls).
   */
  'closed_sessions'?: (_sentinel_detector_v1_SessionVerdict)[];
}

export interface DetectResponse__Output {
  /**
   * One per request record, in request order.
   */
  'results': (_sentinel_detector_v1_DetectResult__Output)[];
  /**
   * Verdicts of sessions the detector closed by itself (idle timeout) since the previous
   * response on this server; each is delivered once (never on dry_run calls).
   */
  'closed_sessions': (_sentinel_detector_v1_SessionVerdict__Output)[];
}
