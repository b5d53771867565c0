/**
 * The Detector service as this server registers it: the generated static codecs of
 * libs/proto (`detectorService`), with every request decoder made tolerant — a message that
 * cannot be decoded reaches its handler as {@link UndecodableMessage}, so the handler types
 * below say exactly what a handler receives.
 */
import type * as grpc from '@grpc/grpc-js';
import { detectorService, type DetectorService, type WireMethod, type wire } from '@log-sentinel/proto';
import { DetectorError } from '@log-sentinel/pipeline';

/**
 * A request message that could not be decoded (bad wire type, length past the end, invalid
 * UTF-8 …). grpc-js answers INTERNAL when a deserializer throws; handlers get this instead
 * and answer INVALID_ARGUMENT through {@link requireDecoded} (issue 17 fuzzing).
 */
export class UndecodableMessage {
  /** Keeps the decoder's reason. */
  constructor(readonly reason: string) {}
}

/** A request as a handler receives it. */
export type Decoded<T> = T | UndecodableMessage;

/** The handlers this server implements: decoded requests (or {@link UndecodableMessage}) in, plain response objects out. */
export interface DetectorHandlers extends grpc.UntypedServiceImplementation {
  Detect: grpc.handleUnaryCall<Decoded<wire.DetectRequest>, wire.IDetectResponse>;
  DetectStream: grpc.handleBidiStreamingCall<Decoded<wire.DetectRequest>, wire.IDetectResponse>;
  Train: grpc.handleBidiStreamingCall<Decoded<wire.TrainRequest>, wire.ITrainProgress>;
  GetModel: grpc.handleUnaryCall<Decoded<wire.GetModelRequest>, wire.IModelInfo>;
  Feedback: grpc.handleUnaryCall<Decoded<wire.FeedbackRequest>, wire.IFeedbackResponse>;
  CloseSessions: grpc.handleUnaryCall<Decoded<wire.CloseSessionsRequest>, wire.ICloseSessionsResponse>;
}

type Tolerant<M> = M extends WireMethod<infer ReqIn, infer ReqOut, infer ResIn, infer ResOut> ? WireMethod<ReqIn, Decoded<ReqOut>, ResIn, ResOut> : never;

function tolerant<ReqIn, ReqOut, ResIn, ResOut>(m: WireMethod<ReqIn, ReqOut, ResIn, ResOut>): WireMethod<ReqIn, Decoded<ReqOut>, ResIn, ResOut> {
  const decode = m.requestDeserialize;
  return {
    ...m,
    requestDeserialize: (buf) => {
      try {
        return decode(buf);
      } catch (err) {
        return new UndecodableMessage((err as Error).message ?? String(err));
      }
    },
  };
}

/** The service definition the server registers (tolerant request decoders). */
export function detectorServiceDefinition(): { [K in keyof DetectorService]: Tolerant<DetectorService[K]> } {
  const s = detectorService;
  return {
    Detect: tolerant(s.Detect),
    DetectStream: tolerant(s.DetectStream),
    Train: tolerant(s.Train),
    GetModel: tolerant(s.GetModel),
    Feedback: tolerant(s.Feedback),
    CloseSessions: tolerant(s.CloseSessions),
  };
}

/** Returns `msg`, or throws INVALID_ARGUMENT when it is an {@link UndecodableMessage}. */
export function requireDecoded<T>(msg: Decoded<T>, type: string): T {
  if (msg instanceof UndecodableMessage) throw new DetectorError('INVALID_ARGUMENT', `request is not a valid ${type} message: ${msg.reason}`);
  return msg;
}
