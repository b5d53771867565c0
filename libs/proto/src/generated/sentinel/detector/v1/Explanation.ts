// Original file: sentinel/detector/v1/detector.proto

import type { ExpectedTemplate as _sentinel_detector_v1_ExpectedTemplate, ExpectedTemplate__Output as _sentinel_detector_v1_ExpectedTemplate__Output } from '../../../sentinel/detector/v1/ExpectedTemplate';

/**
 * Why a record or session was flagged, in words a person reads.
 */
export interface Explanation {
  /**
   * The template the record matched (or its masked text when it is new).
   */
  'observed'?: (string);
  /**
   * The most probable next templates (at most 3), most probable first.
   */
  'expected'?: (_sentinel_detector_v1_ExpectedTemplate)[];
  /**
   * The session's last templates before this record, oldest first.
   */
  'recent'?: (string)[];
}

/**
 * Why a record or session was flagged, in words a person reads.
 */
export interface Explanation__Output {
  /**
   * The template the record matched (or its masked text when it is new).
   */
  'observed': (string);
  /**
   * The most probable next templates (at most 3), most probable first.
   */
  'expected': (_sentinel_detector_v1_ExpectedTemplate__Output)[];
  /**
   * The session's last templates before this record, oldest first.
   */
  'recent': (string)[];
}
