// Original file: sentinel/detector/v1/detector.proto


/**
 * An expected next log key, with its probability.
 */
export interface KeyProbability {
  'template_id'?: (string);
  'probability'?: (number | string);
}

/**
 * An expected next log key, with its probability.
 */
export interface KeyProbability__Output {
  'template_id': (string);
  'probability': (number);
}
