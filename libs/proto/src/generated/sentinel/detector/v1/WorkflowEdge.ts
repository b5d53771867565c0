// Original file: sentinel/detector/v1/detector.proto

import type { Long } from '@grpc/proto-loader';

export interface WorkflowEdge {
  'from_template_id'?: (string);
  'to_template_id'?: (string);
  /**
   * Times training sessions took this transition (0 in SessionWorkflow.concurrent).
   */
  'count'?: (number | string | Long);
}

export interface WorkflowEdge__Output {
  'from_template_id': (string);
  'to_template_id': (string);
  /**
   * Times training sessions took this transition (0 in SessionWorkflow.concurrent).
   */
  'count': (string);
}
