// Original file: sentinel/detector/v1/detector.proto

import type { Long } from '@grpc/proto-loader';

export interface TrainProgress {
  /**
   * "receiving" | "parsing" | "training_deeplog" | "training_iforest" | "writing" | "done".
   */
  'phase'?: (string);
  'records_received'?: (number | string | Long);
  'epoch'?: (number);
  'epochs'?: (number);
  'loss'?: (number | string);
  'validation_loss'?: (number | string);
  /**
   * 0..1 over the whole run.
   */
  'fraction'?: (number | string);
  /**
   * Set in the last message: the version written.
   */
  'model_version'?: (string);
  'message'?: (string);
}

export interface TrainProgress__Output {
  /**
   * "receiving" | "parsing" | "training_deeplog" | "training_iforest" | "writing" | "done".
   */
  'phase': (string);
  'records_received': (string);
  'epoch': (number);
  'epochs': (number);
  'loss': (number);
  'validation_loss': (number);
  /**
   * 0..1 over the whole run.
   */
  'fraction': (number);
  /**
   * Set in the last message: the version written.
   */
  'model_version': (string);
  'message': (string);
}
