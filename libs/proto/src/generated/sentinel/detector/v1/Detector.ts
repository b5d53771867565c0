// Original file: sentinel/detector/v1/detector.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CloseSessionsRequest as _sentinel_detector_v1_CloseSessionsRequest, CloseSessionsRequest__Output as _sentinel_detector_v1_CloseSessionsRequest__Output } from '../../../sentinel/detector/v1/CloseSessionsRequest';
import type { CloseSessionsResponse as _sentinel_detector_v1_CloseSessionsResponse, CloseSessionsResponse__Output as _sentinel_detector_v1_CloseSessionsResponse__Output } from '../../../sentinel/detector/v1/CloseSessionsResponse';
import type { DetectRequest as _sentinel_detector_v1_DetectRequest, DetectRequest__Output as _sentinel_detector_v1_DetectRequest__Output } from '../../../sentinel/detector/v1/DetectRequest';
import type { DetectResponse as _sentinel_detector_v1_DetectResponse, DetectResponse__Output as _sentinel_detector_v1_DetectResponse__Output } from '../../../sentinel/detector/v1/DetectResponse';
import type { FeedbackRequest as _sentinel_detector_v1_FeedbackRequest, FeedbackRequest__Output as _sentinel_detector_v1_FeedbackRequest__Output } from '../../../sentinel/detector/v1/FeedbackRequest';
import type { FeedbackResponse as _sentinel_detector_v1_FeedbackResponse, FeedbackResponse__Output as _sentinel_detector_v1_FeedbackResponse__Output } from '../../../sentinel/detector/v1/FeedbackResponse';
import type { GetModelRequest as _sentinel_detector_v1_GetModelRequest, GetModelRequest__Output as _sentinel_detector_v1_GetModelRequest__Output } from '../../../sentinel/detector/v1/GetModelRequest';
import type { ModelInfo as _sentinel_detector_v1_ModelInfo, ModelInfo__Output as _sentinel_detector_v1_ModelInfo__Output } from '../../../sentinel/detector/v1/ModelInfo';
import type { TrainProgress as _sentinel_detector_v1_TrainProgress, TrainProgress__Output as _sentinel_detector_v1_TrainProgress__Output } from '../../../sentinel/detector/v1/TrainProgress';
import type { TrainRequest as _sentinel_detector_v1_TrainRequest, TrainRequest__Output as _sentinel_detector_v1_TrainRequest__Output } from '../../../sentinel/detector/v1/TrainRequest';

/**
 * Scores log records for anomalies with Drain, DeepLog (ONNX) and an Isolation Forest.
 */
export interface DetectorClient extends grpc.Client {
  /**
   * Closes sessions: runs the end-of-session check (a session that stops where normal ones
   * continue is flagged deeplog.missing_step) and the session-level models; one verdict per
   * session id, in request order. Unknown ids get a verdict with status "unknown".
   */
  CloseSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  CloseSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  CloseSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  CloseSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Closes sessions: runs the end-of-session check (a session that stops where normal ones
   * continue is flagged deeplog.missing_step) and the session-level models; one verdict per
   * session id, in request order. Unknown ids get a verdict with status "unknown".
   */
  closeSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  closeSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  closeSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  closeSessions(argument: _sentinel_detector_v1_CloseSessionsRequest, callback: grpc.requestCallback<_sentinel_detector_v1_CloseSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Scores a batch of records; one result per record, in request order.
   */
  Detect(argument: _sentinel_detector_v1_DetectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  Detect(argument: _sentinel_detector_v1_DetectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  Detect(argument: _sentinel_detector_v1_DetectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  Detect(argument: _sentinel_detector_v1_DetectRequest, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Scores a batch of records; one result per record, in request order.
   */
  detect(argument: _sentinel_detector_v1_DetectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  detect(argument: _sentinel_detector_v1_DetectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  detect(argument: _sentinel_detector_v1_DetectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  detect(argument: _sentinel_detector_v1_DetectRequest, callback: grpc.requestCallback<_sentinel_detector_v1_DetectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Bidirectional, flow-controlled: each request batch is answered by one response.
   */
  DetectStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse__Output>;
  DetectStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse__Output>;
  /**
   * Bidirectional, flow-controlled: each request batch is answered by one response.
   */
  detectStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse__Output>;
  detectStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse__Output>;
  
  /**
   * Marks flagged records normal: their templates and key transitions become normal.
   */
  Feedback(argument: _sentinel_detector_v1_FeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  Feedback(argument: _sentinel_detector_v1_FeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  Feedback(argument: _sentinel_detector_v1_FeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  Feedback(argument: _sentinel_detector_v1_FeedbackRequest, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Marks flagged records normal: their templates and key transitions become normal.
   */
  feedback(argument: _sentinel_detector_v1_FeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  feedback(argument: _sentinel_detector_v1_FeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  feedback(argument: _sentinel_detector_v1_FeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  feedback(argument: _sentinel_detector_v1_FeedbackRequest, callback: grpc.requestCallback<_sentinel_detector_v1_FeedbackResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Describes the model currently serving.
   */
  GetModel(argument: _sentinel_detector_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _sentinel_detector_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _sentinel_detector_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _sentinel_detector_v1_GetModelRequest, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  /**
   * Describes the model currently serving.
   */
  getModel(argument: _sentinel_detector_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModel(argument: _sentinel_detector_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModel(argument: _sentinel_detector_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModel(argument: _sentinel_detector_v1_GetModelRequest, callback: grpc.requestCallback<_sentinel_detector_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams training records in; streams progress out; ends with a new model version.
   */
  Train(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainProgress__Output>;
  Train(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainProgress__Output>;
  /**
   * Streams training records in; streams progress out; ends with a new model version.
   */
  train(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainProgress__Output>;
  train(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainProgress__Output>;
  
}

/**
 * Scores log records for anomalies with Drain, DeepLog (ONNX) and an Isolation Forest.
 */
export interface DetectorHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Closes sessions: runs the end-of-session check (a session that stops where normal ones
   * continue is flagged deeplog.missing_step) and the session-level models; one verdict per
   * session id, in request order. Unknown ids get a verdict with status "unknown".
   */
  CloseSessions: grpc.handleUnaryCall<_sentinel_detector_v1_CloseSessionsRequest__Output, _sentinel_detector_v1_CloseSessionsResponse>;
  
  /**
   * Scores a batch of records; one result per record, in request order.
   */
  Detect: grpc.handleUnaryCall<_sentinel_detector_v1_DetectRequest__Output, _sentinel_detector_v1_DetectResponse>;
  
  /**
   * Bidirectional, flow-controlled: each request batch is answered by one response.
   */
  DetectStream: grpc.handleBidiStreamingCall<_sentinel_detector_v1_DetectRequest__Output, _sentinel_detector_v1_DetectResponse>;
  
  /**
   * Marks flagged records normal: their templates and key transitions become normal.
   */
  Feedback: grpc.handleUnaryCall<_sentinel_detector_v1_FeedbackRequest__Output, _sentinel_detector_v1_FeedbackResponse>;
  
  /**
   * Describes the model currently serving.
   */
  GetModel: grpc.handleUnaryCall<_sentinel_detector_v1_GetModelRequest__Output, _sentinel_detector_v1_ModelInfo>;
  
  /**
   * Streams training records in; streams progress out; ends with a new model version.
   */
  Train: grpc.handleBidiStreamingCall<_sentinel_detector_v1_TrainRequest__Output, _sentinel_detector_v1_TrainProgress>;
  
}

export interface DetectorDefinition extends grpc.ServiceDefinition {
  CloseSessions: MethodDefinition<_sentinel_detector_v1_CloseSessionsRequest, _sentinel_detector_v1_CloseSessionsResponse, _sentinel_detector_v1_CloseSessionsRequest__Output, _sentinel_detector_v1_CloseSessionsResponse__Output>
  Detect: MethodDefinition<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse, _sentinel_detector_v1_DetectRequest__Output, _sentinel_detector_v1_DetectResponse__Output>
  DetectStream: MethodDefinition<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectResponse, _sentinel_detector_v1_DetectRequest__Output, _sentinel_detector_v1_DetectResponse__Output>
  Feedback: MethodDefinition<_sentinel_detector_v1_FeedbackRequest, _sentinel_detector_v1_FeedbackResponse, _sentinel_detector_v1_FeedbackRequest__Output, _sentinel_detector_v1_FeedbackResponse__Output>
  GetModel: MethodDefinition<_sentinel_detector_v1_GetModelRequest, _sentinel_detector_v1_ModelInfo, _sentinel_detector_v1_GetModelRequest__Output, _sentinel_detector_v1_ModelInfo__Output>
  Train: MethodDefinition<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainProgress, _sentinel_detector_v1_TrainRequest__Output, _sentinel_detector_v1_TrainProgress__Output>
}
