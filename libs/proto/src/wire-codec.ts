/**
 * The detector's wire codec, used by the server (apps/detector) and its client
 * (libs/detector-client): static encoders/decoders generated from `proto/` by protobufjs-cli
 * (`npm run proto:gen` writes `../static`; `npm run proto:check` keeps it current), so no
 * .proto is read at run time and the types say what the decoders return. int64/uint64 fields
 * are `Long` everywhere; a Timestamp converts to and from epoch ms only through
 * {@link timestampFromMs} and {@link timestampToMs}.
 */
import Long from 'long';
import { google, sentinel } from '../static/detector';

export { google, sentinel } from '../static/detector';
/** The int64/uint64 representation of the generated code (the `long` package). */
export { Long };
/** The detector package's generated messages (`wire.DetectRequest` …). */
export import wire = sentinel.detector.v1;

/** Fully qualified gRPC service name of the detector. */
export const DETECTOR_SERVICE = 'sentinel.detector.v1.Detector';

/** A generated message class's codec. */
interface MessageCodec<In, Out> {
  encode(message: In): { finish(): Uint8Array };
  decode(bytes: Uint8Array): Out;
}

/** The encoder's output as a Buffer, without a copy when it is one already (Node's writer). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * One method: the client serializes `ReqIn` and decodes `ResOut`; the server decodes `ReqOut`
 * and serializes `ResIn` (In = plain objects to encode, Out = decoded messages).
 */
export interface WireMethod<ReqIn, ReqOut, ResIn, ResOut> {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  originalName: string;
  requestSerialize(value: ReqIn): Buffer;
  requestDeserialize(bytes: Buffer): ReqOut;
  responseSerialize(value: ResIn): Buffer;
  responseDeserialize(bytes: Buffer): ResOut;
}

function method<ReqIn, ReqOut, ResIn, ResOut>(
  name: string,
  req: MessageCodec<ReqIn, ReqOut>,
  res: MessageCodec<ResIn, ResOut>,
  requestStream: boolean,
  responseStream: boolean,
): WireMethod<ReqIn, ReqOut, ResIn, ResOut> {
  return {
    path: `/${DETECTOR_SERVICE}/${name}`,
    originalName: name,
    requestStream,
    responseStream,
    requestSerialize: (v: ReqIn) => asBuffer(req.encode(v).finish()),
    requestDeserialize: (b: Buffer) => req.decode(b),
    responseSerialize: (v: ResIn) => asBuffer(res.encode(v).finish()),
    responseDeserialize: (b: Buffer) => res.decode(b),
  };
}

/**
 * The Detector service with the generated codecs: what a server registers (`addService`) and
 * a client calls (`grpc.Client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, …)`).
 * Requests are sent as plain objects (`I…` interfaces) and arrive as decoded messages.
 */
export const detectorService = {
  Detect: method('Detect', wire.DetectRequest, wire.DetectResponse, false, false),
  DetectStream: method('DetectStream', wire.DetectRequest, wire.DetectResponse, true, true),
  Train: method('Train', wire.TrainRequest, wire.TrainProgress, true, true),
  GetModel: method('GetModel', wire.GetModelRequest, wire.ModelInfo, false, false),
  Feedback: method('Feedback', wire.FeedbackRequest, wire.FeedbackResponse, false, false),
  CloseSessions: method('CloseSessions', wire.CloseSessionsRequest, wire.CloseSessionsResponse, false, false),
};

/** The Detector service's method definitions by name. */
export type DetectorService = typeof detectorService;

/** Epoch milliseconds → Timestamp (nanos always in [0, 1e9), also before 1970). */
export function timestampFromMs(ms: number): google.protobuf.ITimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: Long.fromNumber(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** A decoded Timestamp as its seconds and nanos (numbers; unset fields are 0). */
export function timestampParts(ts: google.protobuf.ITimestamp): { seconds: number; nanos: number } {
  return { seconds: ts.seconds ? ts.seconds.toNumber() : 0, nanos: ts.nanos ?? 0 };
}

/** Timestamp → epoch milliseconds. */
export function timestampToMs(ts: google.protobuf.ITimestamp): number {
  const { seconds, nanos } = timestampParts(ts);
  return seconds * 1000 + Math.floor(nanos / 1e6);
}
