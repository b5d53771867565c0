// Original file: sentinel/detector/v1/detector.proto

import type { KeyProbability as _sentinel_detector_v1_KeyProbability, KeyProbability__Output as _sentinel_detector_v1_KeyProbability__Output } from '../../../sentinel/detector/v1/KeyProbability';

/**
 * DeepLog's view of one record.
 */
export interface DeepLogVerdict {
  'is_anomaly'?: (boolean);
  /**
   * Rank of the actual key among the predictions (1 = most probable; 0 = unseen key).
   */
  'rank'?: (number);
  'probability'?: (number | string);
  /**
   * The g most probable next keys.
   */
  'expected'?: (_sentinel_detector_v1_KeyProbability)[];
}

/**
 * DeepLog's view of one record.
 */
export interface DeepLogVerdict__Output {
  'is_anomaly': (boolean);
  /**
   * Rank of the actual key among the predictions (1 = most probable; 0 = unseen key).
   */
  'rank': (number);
  'probability': (number);
  /**
   * The g most probable next keys.
   */
  'expected': (_sentinel_detector_v1_KeyProbability__Output)[];
}
