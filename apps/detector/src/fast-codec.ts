/**
 * The detector service definition with direct protobufjs codecs for the hot methods
 * (Detect, DetectStream): requests are decoded without proto-loader's `toObject` pass and
 * responses encoded without `fromObject`; both read the same `proto/` sources, so the wire
 * format is unchanged (the integration tests call the server with stock clients). Every
 * method's decoder hands an undecodable message to its handler as {@link UndecodableMessage}.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import * as path from 'node:path';
import { DETECTOR_PROTO, DETECTOR_SERVICE, PROTO_ROOT, loadDetectorProto } from '@log-sentinel/proto';
import { DetectorError } from '@log-sentinel/pipeline';

/** A decoded Timestamp whose seconds may be a number or a Long. */
interface RawTimestamp {
  seconds: number | { toNumber(): number } | string;
  nanos: number;
}

/** Converts protobufjs Timestamp seconds (number | Long | string) to a number. */
export function timestampSeconds(ts: RawTimestamp): number {
  const s = ts.seconds;
  return typeof s === 'number' ? s : typeof s === 'string' ? Number(s) : s.toNumber();
}

/** Loads the detector service definition (proto-loader) with fast codecs on Detect and DetectStream. */
export function detectorServiceDefinition(): ServiceDefinition {
  const { grpcType } = loadDetectorProto();
  const base = grpcType.sentinel.detector.v1.Detector.service as unknown as ServiceDefinition;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(PROTO_ROOT, target));
  root.loadSync(DETECTOR_PROTO, { keepCase: true });
  const reqType = root.lookupType('sentinel.detector.v1.DetectRequest');
  const resType = root.lookupType('sentinel.detector.v1.DetectResponse');
  const requestDeserialize = (buf: Buffer): unknown => reqType.decode(buf);
  const responseSerialize = (value: unknown): Buffer => Buffer.from(resType.encode(value as protobuf.Message).finish());
  const def: Record<string, ServiceDefinition[string]> = { ...base };
  for (const name of ['Detect', 'DetectStream']) {
    const m = base[name];
    if (!m) throw new Error(`${DETECTOR_SERVICE} has no method ${name}`);
    def[name] = { ...m, requestDeserialize, responseSerialize };
  }
  for (const [name, m] of Object.entries(def)) def[name] = { ...m, requestDeserialize: tolerant(m.requestDeserialize) };
  return def as ServiceDefinition;
}

/**
 * A request message that could not be decoded (bad wire type, length past the end, invalid
 * UTF-8 …). grpc-js answers INTERNAL when a deserializer throws; handlers get this instead
 * and answer INVALID_ARGUMENT through {@link requireDecoded} (issue 17 fuzzing).
 */
export class UndecodableMessage {
  /** Keeps the decoder's reason. */
  constructor(readonly reason: string) {}
}

function tolerant(deserialize: (buf: Buffer) => unknown): (buf: Buffer) => unknown {
  return (buf) => {
    try {
      return deserialize(buf);
    } catch (err) {
      return new UndecodableMessage((err as Error).message ?? String(err));
    }
  };
}

/** Returns `msg`, or throws INVALID_ARGUMENT when it is an {@link UndecodableMessage}. */
export function requireDecoded<T>(msg: T, type: string): T {
  if (msg instanceof UndecodableMessage) throw new DetectorError('INVALID_ARGUMENT', `request is not a valid ${type} message: ${msg.reason}`);
  return msg;
}
