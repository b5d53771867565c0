// Original file: sentinel/detector/v1/detector.proto


/**
 * Isolation Forest's view of one record.
 */
export interface IForestVerdict {
  'is_anomaly'?: (boolean);
  /**
   * scikit-learn style anomaly score 2^(-E[h(x)]/c(psi)), 0..1.
   */
  'score'?: (number | string);
  'threshold'?: (number | string);
}

/**
 * Isolation Forest's view of one record.
 */
export interface IForestVerdict__Output {
  'is_anomaly': (boolean);
  /**
   * scikit-learn style anomaly score 2^(-E[h(x)]/c(psi)), 0..1.
   */
  'score': (number);
  'threshold': (number);
}
