// Original file: sentinel/detector/v1/detector.proto

import type { WorkflowNode as _sentinel_detector_v1_WorkflowNode, WorkflowNode__Output as _sentinel_detector_v1_WorkflowNode__Output } from '../../../sentinel/detector/v1/WorkflowNode';
import type { WorkflowEdge as _sentinel_detector_v1_WorkflowEdge, WorkflowEdge__Output as _sentinel_detector_v1_WorkflowEdge__Output } from '../../../sentinel/detector/v1/WorkflowEdge';
import type { Long } from '@grpc/proto-loader';

/**
 * The workflow of one session type: a finite-state graph of templates, from the start of a
 * session to its end, counted on the training sessions of that type.
 */
export interface SessionWorkflow {
  /**
   * Template id naming the type: its sessions' most frequent first template.
   */
  'session_type'?: (string);
  /**
   * Text of that template.
   */
  'session_type_template'?: (string);
  /**
   * Training sessions of this type.
   */
  'sessions'?: (number | string | Long);
  /**
   * Its templates, most frequent first.
   */
  'nodes'?: (_sentinel_detector_v1_WorkflowNode)[];
  /**
   * Its transitions ("<start>" before a session's first template, "<end>" after its last).
   */
  'edges'?: (_sentinel_detector_v1_WorkflowEdge)[];
  /**
   * Templates seen in both orders (concurrent steps, e.g. interleaved threads).
   */
  'concurrent'?: (_sentinel_detector_v1_WorkflowEdge)[];
  /**
   * Templates seen directly after themselves (loops).
   */
  'loops'?: (string)[];
}

/**
 * The workflow of one session type: a finite-state graph of templates, from the start of a
 * session to its end, counted on the training sessions of that type.
 */
export interface SessionWorkflow__Output {
  /**
   * Template id naming the type: its sessions' most frequent first template.
   */
  'session_type': (string);
  /**
   * Text of that template.
   */
  'session_type_template': (string);
  /**
   * Training sessions of this type.
   */
  'sessions': (string);
  /**
   * Its templates, most frequent first.
   */
  'nodes': (_sentinel_detector_v1_WorkflowNode__Output)[];
  /**
   * Its transitions ("<start>" before a session's first template, "<end>" after its last).
   */
  'edges': (_sentinel_detector_v1_WorkflowEdge__Output)[];
  /**
   * Templates seen in both orders (concurrent steps, e.g. interleaved threads).
   */
  'concurrent': (_sentinel_detector_v1_WorkflowEdge__Output)[];
  /**
   * Templates seen directly after themselves (loops).
   */
  'loops': (string)[];
}
