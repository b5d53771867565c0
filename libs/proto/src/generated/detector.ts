import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { CloseSessionsRequest as _sentinel_detector_v1_CloseSessionsRequest, CloseSessionsRequest__Output as _sentinel_detector_v1_CloseSessionsRequest__Output } from './sentinel/detector/v1/CloseSessionsRequest';
import type { CloseSessionsResponse as _sentinel_detector_v1_CloseSessionsResponse, CloseSessionsResponse__Output as _sentinel_detector_v1_CloseSessionsResponse__Output } from './sentinel/detector/v1/CloseSessionsResponse';
import type { DeepLogVerdict as _sentinel_detector_v1_DeepLogVerdict, DeepLogVerdict__Output as _sentinel_detector_v1_DeepLogVerdict__Output } from './sentinel/detector/v1/DeepLogVerdict';
import type { DetectRequest as _sentinel_detector_v1_DetectRequest, DetectRequest__Output as _sentinel_detector_v1_DetectRequest__Output } from './sentinel/detector/v1/DetectRequest';
import type { DetectResponse as _sentinel_detector_v1_DetectResponse, DetectResponse__Output as _sentinel_detector_v1_DetectResponse__Output } from './sentinel/detector/v1/DetectResponse';
import type { DetectResult as _sentinel_detector_v1_DetectResult, DetectResult__Output as _sentinel_detector_v1_DetectResult__Output } from './sentinel/detector/v1/DetectResult';
import type { DetectorClient as _sentinel_detector_v1_DetectorClient, DetectorDefinition as _sentinel_detector_v1_DetectorDefinition } from './sentinel/detector/v1/Detector';
import type { ExpectedTemplate as _sentinel_detector_v1_ExpectedTemplate, ExpectedTemplate__Output as _sentinel_detector_v1_ExpectedTemplate__Output } from './sentinel/detector/v1/ExpectedTemplate';
import type { Explanation as _sentinel_detector_v1_Explanation, Explanation__Output as _sentinel_detector_v1_Explanation__Output } from './sentinel/detector/v1/Explanation';
import type { FeedbackRequest as _sentinel_detector_v1_FeedbackRequest, FeedbackRequest__Output as _sentinel_detector_v1_FeedbackRequest__Output } from './sentinel/detector/v1/FeedbackRequest';
import type { FeedbackResponse as _sentinel_detector_v1_FeedbackResponse, FeedbackResponse__Output as _sentinel_detector_v1_FeedbackResponse__Output } from './sentinel/detector/v1/FeedbackResponse';
import type { GetModelRequest as _sentinel_detector_v1_GetModelRequest, GetModelRequest__Output as _sentinel_detector_v1_GetModelRequest__Output } from './sentinel/detector/v1/GetModelRequest';
import type { IForestVerdict as _sentinel_detector_v1_IForestVerdict, IForestVerdict__Output as _sentinel_detector_v1_IForestVerdict__Output } from './sentinel/detector/v1/IForestVerdict';
import type { KeyProbability as _sentinel_detector_v1_KeyProbability, KeyProbability__Output as _sentinel_detector_v1_KeyProbability__Output } from './sentinel/detector/v1/KeyProbability';
import type { LogRecord as _sentinel_detector_v1_LogRecord, LogRecord__Output as _sentinel_detector_v1_LogRecord__Output } from './sentinel/detector/v1/LogRecord';
import type { ModelInfo as _sentinel_detector_v1_ModelInfo, ModelInfo__Output as _sentinel_detector_v1_ModelInfo__Output } from './sentinel/detector/v1/ModelInfo';
import type { SessionVerdict as _sentinel_detector_v1_SessionVerdict, SessionVerdict__Output as _sentinel_detector_v1_SessionVerdict__Output } from './sentinel/detector/v1/SessionVerdict';
import type { SessionWorkflow as _sentinel_detector_v1_SessionWorkflow, SessionWorkflow__Output as _sentinel_detector_v1_SessionWorkflow__Output } from './sentinel/detector/v1/SessionWorkflow';
import type { TrainOptions as _sentinel_detector_v1_TrainOptions, TrainOptions__Output as _sentinel_detector_v1_TrainOptions__Output } from './sentinel/detector/v1/TrainOptions';
import type { TrainProgress as _sentinel_detector_v1_TrainProgress, TrainProgress__Output as _sentinel_detector_v1_TrainProgress__Output } from './sentinel/detector/v1/TrainProgress';
import type { TrainRequest as _sentinel_detector_v1_TrainRequest, TrainRequest__Output as _sentinel_detector_v1_TrainRequest__Output } from './sentinel/detector/v1/TrainRequest';
import type { WorkflowEdge as _sentinel_detector_v1_WorkflowEdge, WorkflowEdge__Output as _sentinel_detector_v1_WorkflowEdge__Output } from './sentinel/detector/v1/WorkflowEdge';
import type { WorkflowNode as _sentinel_detector_v1_WorkflowNode, WorkflowNode__Output as _sentinel_detector_v1_WorkflowNode__Output } from './sentinel/detector/v1/WorkflowNode';
import type { Workflows as _sentinel_detector_v1_Workflows, Workflows__Output as _sentinel_detector_v1_Workflows__Output } from './sentinel/detector/v1/Workflows';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  sentinel: {
    detector: {
      v1: {
        CloseSessionsRequest: MessageTypeDefinition<_sentinel_detector_v1_CloseSessionsRequest, _sentinel_detector_v1_CloseSessionsRequest__Output>
        CloseSessionsResponse: MessageTypeDefinition<_sentinel_detector_v1_CloseSessionsResponse, _sentinel_detector_v1_CloseSessionsResponse__Output>
        DeepLogVerdict: MessageTypeDefinition<_sentinel_detector_v1_DeepLogVerdict, _sentinel_detector_v1_DeepLogVerdict__Output>
        DetectRequest: MessageTypeDefinition<_sentinel_detector_v1_DetectRequest, _sentinel_detector_v1_DetectRequest__Output>
        DetectResponse: MessageTypeDefinition<_sentinel_detector_v1_DetectResponse, _sentinel_detector_v1_DetectResponse__Output>
        DetectResult: MessageTypeDefinition<_sentinel_detector_v1_DetectResult, _sentinel_detector_v1_DetectResult__Output>
        /**
         * Scores log records for anomalies with Drain, DeepLog (ONNX) and an Isolation Forest.
         */
        Detector: SubtypeConstructor<typeof grpc.Client, _sentinel_detector_v1_DetectorClient> & { service: _sentinel_detector_v1_DetectorDefinition }
        ExpectedTemplate: MessageTypeDefinition<_sentinel_detector_v1_ExpectedTemplate, _sentinel_detector_v1_ExpectedTemplate__Output>
        Explanation: MessageTypeDefinition<_sentinel_detector_v1_Explanation, _sentinel_detector_v1_Explanation__Output>
        FeedbackRequest: MessageTypeDefinition<_sentinel_detector_v1_FeedbackRequest, _sentinel_detector_v1_FeedbackRequest__Output>
        FeedbackResponse: MessageTypeDefinition<_sentinel_detector_v1_FeedbackResponse, _sentinel_detector_v1_FeedbackResponse__Output>
        GetModelRequest: MessageTypeDefinition<_sentinel_detector_v1_GetModelRequest, _sentinel_detector_v1_GetModelRequest__Output>
        IForestVerdict: MessageTypeDefinition<_sentinel_detector_v1_IForestVerdict, _sentinel_detector_v1_IForestVerdict__Output>
        KeyProbability: MessageTypeDefinition<_sentinel_detector_v1_KeyProbability, _sentinel_detector_v1_KeyProbability__Output>
        LogRecord: MessageTypeDefinition<_sentinel_detector_v1_LogRecord, _sentinel_detector_v1_LogRecord__Output>
        ModelInfo: MessageTypeDefinition<_sentinel_detector_v1_ModelInfo, _sentinel_detector_v1_ModelInfo__Output>
        SessionVerdict: MessageTypeDefinition<_sentinel_detector_v1_SessionVerdict, _sentinel_detector_v1_SessionVerdict__Output>
        SessionWorkflow: MessageTypeDefinition<_sentinel_detector_v1_SessionWorkflow, _sentinel_detector_v1_SessionWorkflow__Output>
        TrainOptions: MessageTypeDefinition<_sentinel_detector_v1_TrainOptions, _sentinel_detector_v1_TrainOptions__Output>
        TrainProgress: MessageTypeDefinition<_sentinel_detector_v1_TrainProgress, _sentinel_detector_v1_TrainProgress__Output>
        TrainRequest: MessageTypeDefinition<_sentinel_detector_v1_TrainRequest, _sentinel_detector_v1_TrainRequest__Output>
        WorkflowEdge: MessageTypeDefinition<_sentinel_detector_v1_WorkflowEdge, _sentinel_detector_v1_WorkflowEdge__Output>
        WorkflowNode: MessageTypeDefinition<_sentinel_detector_v1_WorkflowNode, _sentinel_detector_v1_WorkflowNode__Output>
        Workflows: MessageTypeDefinition<_sentinel_detector_v1_Workflows, _sentinel_detector_v1_Workflows__Output>
      }
    }
  }
}

