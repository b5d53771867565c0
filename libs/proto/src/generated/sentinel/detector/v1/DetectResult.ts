// Original file: sentinel/detector/v1/detector.proto

import type { DeepLogVerdict as _sentinel_detector_v1_DeepLogVerdict, DeepLogVerdict__Output as _sentinel_detector_v1_DeepLogVerdict__Output } from '../../../sentinel/detector/v1/DeepLogVerdict';
import type { IForestVerdict as _sentinel_detector_v1_IForestVerdict, IForestVerdict__Output as _sentinel_detector_v1_IForestVerdict__Output } from '../../../sentinel/detector/v1/IForestVerdict';
import type { Explanation as _sentinel_detector_v1_Explanation, Explanation__Output as _sentinel_detector_v1_Explanation__Output } from '../../../sentinel/detector/v1/Explanation';

export interface DetectResult {
  'record_id'?: (string);
  'is_anomaly'?: (boolean);
  /**
   * Combined score, 0..1, higher = more anomalous.
   */
  'score'?: (number | string);
  /**
   * Machine-readable reasons, e.g. "deeplog.unexpected_key", "iforest.outlier", "drain.new_template".
   */
  'reasons'?: (string)[];
  'template_id'?: (string);
  'template'?: (string);
  /**
   * "scored" or "learning" (the collector adds "pending" when the detector is unreachable).
   */
  'status'?: (string);
  'model_version'?: (string);
  'session_id'?: (string);
  'params'?: (string)[];
  'deeplog'?: (_sentinel_detector_v1_DeepLogVerdict | null);
  'iforest'?: (_sentinel_detector_v1_IForestVerdict | null);
  /**
   * Human-readable explanation, e.g. "expected one of [k1 k2], saw k7".
   */
  'explanation'?: (string);
  /**
   * The same explanation as structured, readable parts (set on flagged results).
   */
  'explanation_detail'?: (_sentinel_detector_v1_Explanation | null);
}

export interface DetectResult__Output {
  'record_id': (string);
  'is_anomaly': (boolean);
  /**
   * Combined score, 0..1, higher = more anomalous.
   */
  'score': (number);
  /**
   * Machine-readable reasons, e.g. "deeplog.unexpected_key", "iforest.outlier", "drain.new_template".
   */
  'reasons': (string)[];
  'template_id': (string);
  'template': (string);
  /**
   * "scored" or "learning" (the collector adds "pending" when the detector is unreachable).
   */
  'status': (string);
  'model_version': (string);
  'session_id': (string);
  'params': (string)[];
  'deeplog': (_sentinel_detector_v1_DeepLogVerdict__Output | null);
  'iforest': (_sentinel_detector_v1_IForestVerdict__Output | null);
  /**
   * Human-readable explanation, e.g. "expected one of [k1 k2], saw k7".
   */
  'explanation': (string);
  /**
   * The same explanation as structured, readable parts (set on flagged results).
   */
  'explanation_detail': (_sentinel_detector_v1_Explanation__Output | null);
}
