// Original file: sentinel/detector/v1/detector.proto

import type { SessionWorkflow as _sentinel_detector_v1_SessionWorkflow, SessionWorkflow__Output as _sentinel_detector_v1_SessionWorkflow__Output } from '../../../sentinel/detector/v1/SessionWorkflow';

export interface Workflows {
  /**
   * One per session type, most training sessions first (empty while learning and for
   * versions written before workflows).
   */
  'types'?: (_sentinel_detector_v1_SessionWorkflow)[];
}

export interface Workflows__Output {
  /**
   * One per session type, most training sessions first (empty while learning and for
   * versions written before workflows).
   */
  'types': (_sentinel_detector_v1_SessionWorkflow__Output)[];
}
