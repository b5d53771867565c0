// Original file: sentinel/detector/v1/detector.proto


/**
 * A template as text, with the probability the model gave it.
 */
export interface ExpectedTemplate {
  'template_id'?: (string);
  'template'?: (string);
  'probability'?: (number | string);
}

/**
 * A template as text, with the probability the model gave it.
 */
export interface ExpectedTemplate__Output {
  'template_id': (string);
  'template': (string);
  'probability': (number);
}
