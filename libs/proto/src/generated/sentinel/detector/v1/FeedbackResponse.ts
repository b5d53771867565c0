// Original file: sentinel/detector/v1/detector.proto


export interface FeedbackResponse {
  'accepted'?: (number);
  /**
   * Templates that became normal.
   */
  'template_ids'?: (string)[];
  /**
   * Windows the DeepLog model was fine-tuned on.
   */
  'windows_learned'?: (number);
  'model_version'?: (string);
}

export interface FeedbackResponse__Output {
  'accepted': (number);
  /**
   * Templates that became normal.
   */
  'template_ids': (string)[];
  /**
   * Windows the DeepLog model was fine-tuned on.
   */
  'windows_learned': (number);
  'model_version': (string);
}
