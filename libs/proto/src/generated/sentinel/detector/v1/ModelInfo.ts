// Original file: sentinel/detector/v1/detector.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Workflows as _sentinel_detector_v1_Workflows, Workflows__Output as _sentinel_detector_v1_Workflows__Output } from '../../../sentinel/detector/v1/Workflows';
import type { Long } from '@grpc/proto-loader';

export interface ModelInfo {
  /**
   * Empty while learning.
   */
  'version'?: (string);
  'status'?: (string);
  'created'?: (_google_protobuf_Timestamp | null);
  'templates'?: (number);
  'vocabulary'?: (number);
  'window'?: (number);
  'top_g'?: (number);
  'learning_records'?: (number | string | Long);
  'learning_target'?: (number | string | Long);
  /**
   * The manifest.json of the serving version, as JSON.
   */
  'manifest_json'?: (string);
  /**
   * Problems an operator must know about, e.g. "degenerate learning data: only 3 sessions";
   * empty when there are none.
   */
  'warnings'?: (string)[];
  /**
   * DeepLog's workflows (§4); set only when GetModelRequest.include_workflows is (`optional`
   * so that clients built before it keep their types).
   */
  'workflows'?: (_sentinel_detector_v1_Workflows | null);
  '_workflows'?: "workflows";
}

export interface ModelInfo__Output {
  /**
   * Empty while learning.
   */
  'version': (string);
  'status': (string);
  'created': (_google_protobuf_Timestamp__Output | null);
  'templates': (number);
  'vocabulary': (number);
  'window': (number);
  'top_g': (number);
  'learning_records': (string);
  'learning_target': (string);
  /**
   * The manifest.json of the serving version, as JSON.
   */
  'manifest_json': (string);
  /**
   * Problems an operator must know about, e.g. "degenerate learning data: only 3 sessions";
   * empty when there are none.
   */
  'warnings': (string)[];
  /**
   * DeepLog's workflows (§4); set only when GetModelRequest.include_workflows is (`optional`
   * so that clients built before it keep their types).
   */
  'workflows'?: (_sentinel_detector_v1_Workflows__Output | null);
  '_workflows'?: "workflows";
}
