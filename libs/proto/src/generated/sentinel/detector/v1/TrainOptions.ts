// Original file: sentinel/detector/v1/detector.proto


export interface TrainOptions {
  /**
   * Raw-line header format in logparser syntax, e.g. "<Date> <Time> <Level>: <Content>".
   */
  'log_format'?: (string);
  /**
   * Regex whose first capture group (or whole match) is the session id.
   */
  'session_regex'?: (string);
  /**
   * Label holding the session id.
   */
  'session_field'?: (string);
  /**
   * DeepLog window size h (0 = default).
   */
  'window'?: (number);
  /**
   * DeepLog top-g (0 = default).
   */
  'top_g'?: (number);
  /**
   * Maximum training epochs (0 = default).
   */
  'max_epochs'?: (number);
  /**
   * Activate the new version when done (default true when unset in the first message).
   */
  'activate'?: (boolean);
  /**
   * Label holding a pre-parsed event id (e.g. "EVENTID"): those ids are the log keys and
   * Drain is skipped.
   */
  'key_field'?: (string);
  /**
   * Parameter-value model: two-sided confidence of the interval its prediction errors may fall
   * in, in (0, 1) (e.g. 0.9999); 0 = no value models; unset = chosen on held-out training
   * vectors (the lowest of 0.99 … 1 − 1e-10 that flags at most 0.1 % of them). Anything else
   * is INVALID_ARGUMENT.
   */
  'value_confidence'?: (number | string);
  '_value_confidence'?: "value_confidence";
}

export interface TrainOptions__Output {
  /**
   * Raw-line header format in logparser syntax, e.g. "<Date> <Time> <Level>: <Content>".
   */
  'log_format': (string);
  /**
   * Regex whose first capture group (or whole match) is the session id.
   */
  'session_regex': (string);
  /**
   * Label holding the session id.
   */
  'session_field': (string);
  /**
   * DeepLog window size h (0 = default).
   */
  'window': (number);
  /**
   * DeepLog top-g (0 = default).
   */
  'top_g': (number);
  /**
   * Maximum training epochs (0 = default).
   */
  'max_epochs': (number);
  /**
   * Activate the new version when done (default true when unset in the first message).
   */
  'activate': (boolean);
  /**
   * Label holding a pre-parsed event id (e.g. "EVENTID"): those ids are the log keys and
   * Drain is skipped.
   */
  'key_field': (string);
  /**
   * Parameter-value model: two-sided confidence of the interval its prediction errors may fall
   * in, in (0, 1) (e.g. 0.9999); 0 = no value models; unset = chosen on held-out training
   * vectors (the lowest of 0.99 … 1 − 1e-10 that flags at most 0.1 % of them). Anything else
   * is INVALID_ARGUMENT.
   */
  'value_confidence'?: (number);
  '_value_confidence'?: "value_confidence";
}
