// Original file: sentinel/detector/v1/detector.proto


/**
 * The verdict on a whole session, given when it closes.
 */
export interface SessionVerdict {
  'session_id'?: (string);
  'is_anomaly'?: (boolean);
  /**
   * 0..1, higher = more anomalous.
   */
  'score'?: (number | string);
  /**
   * e.g. "deeplog.missing_step", "deeplog.unexpected_key" (a record of the session was flagged).
   */
  'reasons'?: (string)[];
  'model_version'?: (string);
  /**
   * Human-readable explanation.
   */
  'explanation'?: (string);
  /**
   * Records the session held.
   */
  'records'?: (number);
  /**
   * Records of the session flagged while it was open.
   */
  'flagged_records'?: (number);
  /**
   * "closed" (by request), "idle" (closed by the idle timeout), "unknown" (no such open session),
   * "learning" (no model yet).
   */
  'status'?: (string);
  /**
   * The session's last templates, oldest first.
   */
  'recent'?: (string)[];
}

/**
 * The verdict on a whole session, given when it closes.
 */
export interface SessionVerdict__Output {
  'session_id': (string);
  'is_anomaly': (boolean);
  /**
   * 0..1, higher = more anomalous.
   */
  'score': (number);
  /**
   * e.g. "deeplog.missing_step", "deeplog.unexpected_key" (a record of the session was flagged).
   */
  'reasons': (string)[];
  'model_version': (string);
  /**
   * Human-readable explanation.
   */
  'explanation': (string);
  /**
   * Records the session held.
   */
  'records': (number);
  /**
   * Records of the session flagged while it was open.
   */
  'flagged_records': (number);
  /**
   * "closed" (by request), "idle" (closed by the idle timeout), "unknown" (no such open session),
   * "learning" (no model yet).
   */
  'status': (string);
  /**
   * The session's last templates, oldest first.
   */
  'recent': (string)[];
}
