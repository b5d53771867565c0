/**
 * proto: the detector wire contract. `./wire-codec` is the codec the detector and its client
 * run on (static code generated from `proto/`); {@link loadDetectorProto} loads `proto/` with
 * @grpc/proto-loader (typed by `./generated`) for stock clients and server reflection.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as path from 'node:path';
import type { ProtoGrpcType } from './generated/detector';

export type { ProtoGrpcType } from './generated/detector';
export type * from './generated/sentinel/detector/v1/LogRecord';
export type * from './generated/sentinel/detector/v1/DetectRequest';
export type * from './generated/sentinel/detector/v1/DetectResponse';
export type * from './generated/sentinel/detector/v1/DetectResult';
export type * from './generated/sentinel/detector/v1/DeepLogVerdict';
export type * from './generated/sentinel/detector/v1/IForestVerdict';
export type * from './generated/sentinel/detector/v1/KeyProbability';
export type * from './generated/sentinel/detector/v1/TrainOptions';
export type * from './generated/sentinel/detector/v1/TrainRequest';
export type * from './generated/sentinel/detector/v1/TrainProgress';
export type * from './generated/sentinel/detector/v1/GetModelRequest';
export type * from './generated/sentinel/detector/v1/ModelInfo';
export type * from './generated/sentinel/detector/v1/FeedbackRequest';
export type * from './generated/sentinel/detector/v1/FeedbackResponse';
export type * from './generated/sentinel/detector/v1/Detector';
export type * from './generated/sentinel/detector/v1/CloseSessionsRequest';
export type * from './generated/sentinel/detector/v1/CloseSessionsResponse';
export type * from './generated/sentinel/detector/v1/SessionVerdict';
export type * from './generated/sentinel/detector/v1/Explanation';
export type * from './generated/sentinel/detector/v1/ExpectedTemplate';
export type * from './generated/sentinel/detector/v1/Workflows';
export type * from './generated/sentinel/detector/v1/SessionWorkflow';
export type * from './generated/sentinel/detector/v1/WorkflowNode';
export type * from './generated/sentinel/detector/v1/WorkflowEdge';
export type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp';

export { DETECTOR_SERVICE, detectorService, google, Long, sentinel, timestampFromMs, timestampParts, timestampToMs, wire, type DetectorService, type WireMethod } from './wire-codec';

/** Directory holding the .proto sources (the repository's `proto/`). */
export const PROTO_ROOT = path.resolve(__dirname, '..', '..', '..', 'proto');

/** Path of the detector service definition, relative to {@link PROTO_ROOT}. */
export const DETECTOR_PROTO = 'sentinel/detector/v1/detector.proto';


/** proto-loader options matching the ones the types were generated with. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: { definition: protoLoader.PackageDefinition; grpcType: ProtoGrpcType } | undefined;

/** Loads (once) the detector package definition and its typed gRPC object. */
export function loadDetectorProto(): { definition: protoLoader.PackageDefinition; grpcType: ProtoGrpcType } {
  if (!cached) {
    const definition = protoLoader.loadSync(DETECTOR_PROTO, LOADER_OPTIONS);
    const grpcType = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
    cached = { definition, grpcType };
  }
  return cached;
}
