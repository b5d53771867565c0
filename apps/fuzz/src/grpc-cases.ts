/**
 * gRPC inputs to the detector: Detect / DetectStream / Feedback / CloseSessions / Train with
 * hostile field values through the stock client, wrong or missing keys, and undecodable or
 * malformed protobuf sent as raw bytes. The raw messages are encoded here by hand on purpose:
 * no protobuf library writes wrong wire types, lengths past the end or invalid UTF-8.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto, type LogRecord as WireRecord } from '@log-sentinel/proto';
import type { SeededRandom } from '@log-sentinel/seeded-random';
import type { CaseResult, FuzzTarget } from './case';
import { invalidUtf8, randomBytes, randomString } from './values';

/** Variants of {@link grpcCase}, with their weights. */
export const GRPC_VARIANTS: ReadonlyArray<[string, number]> = [
  ['detect-hostile', 30], ['raw-bytes', 25], ['stream', 8], ['feedback', 8], ['close-sessions', 10], ['auth', 12], ['train-bad', 7],
];

const SERVER_FAILURES = new Set([grpc.status.INTERNAL, grpc.status.UNKNOWN, grpc.status.DATA_LOSS, grpc.status.UNAVAILABLE]);
const SERVICE = '/sentinel.detector.v1.Detector/';

/** Clients are shared per target (one HTTP/2 connection, like the collector's). */
const clients = new Map<number, { typed: InstanceType<ReturnType<typeof typedCtor>>; raw: grpc.Client }>();

function typedCtor() {
  return loadDetectorProto().grpcType.sentinel.detector.v1.Detector;
}

function clientsFor(port: number): { typed: InstanceType<ReturnType<typeof typedCtor>>; raw: grpc.Client } {
  let c = clients.get(port);
  if (!c) {
    const opts = { 'grpc.max_send_message_length': 64 << 20, 'grpc.max_receive_message_length': 64 << 20 };
    const Ctor = typedCtor();
    c = { typed: new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), opts), raw: new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), opts) };
    clients.set(port, c);
  }
  return c;
}

/** Closes the shared clients. */
export function closeGrpcClients(): void {
  for (const c of clients.values()) {
    c.typed.close();
    c.raw.close();
  }
  clients.clear();
}

function meta(key: string | undefined): grpc.Metadata {
  const m = new grpc.Metadata();
  if (key !== undefined) m.set('authorization', `Bearer ${key}`);
  return m;
}

/** Reads a streaming call to its end and resolves once, with its error or success. */
function settleOnEnd(call: NodeJS.EventEmitter, what: string, resolve: (r: CaseResult) => void): void {
  let done = false;
  const finish = (err: grpc.ServiceError | null): void => {
    if (done) return;
    done = true;
    resolve(resultOf(err, what));
  };
  call.on('data', () => undefined);
  call.on('error', (err: grpc.ServiceError) => finish(err));
  call.on('end', () => finish(null));
}

function resultOf(err: grpc.ServiceError | null, what: string): CaseResult {
  const code = err ? err.code : grpc.status.OK;
  const name = grpc.status[code] ?? String(code);
  return {
    outcome: name,
    serverError: SERVER_FAILURES.has(code),
    stalled: code === grpc.status.DEADLINE_EXCEEDED,
    detail: `${what} → ${name}${err ? `: ${err.details.slice(0, 200)}` : ''}`,
  };
}

/** A record whose fields are hostile. */
function wireRecord(rng: SeededRandom, t: FuzzTarget, i: number): WireRecord {
  const rec: WireRecord = {
    id: rng.chance(0.1) ? '' : rng.chance(0.1) ? 'dup' : `fz-${rng.hex(6)}-${i}`,
    message: rng.chance(0.05) ? 'm'.repeat(t.detectorMaxMessageBytes + rng.int(-1, 1)) : randomString(rng, 300),
    level: randomString(rng, 12),
    service: randomString(rng, 30),
    host: randomString(rng, 30),
    session_id: rng.chance(0.05) ? 's'.repeat(rng.pick([256, 257, 100_000])) : randomString(rng, 40),
  };
  if (rng.chance(0.4)) rec.timestamp = { seconds: rng.pick([0, -62135596801, 253402300800, 9007199254740991, -1, Math.floor(Date.now() / 1000)]), nanos: rng.pick([0, -1, 999_999_999, 1_000_000_000, 2 ** 31 - 1]) };
  if (rng.chance(0.3)) {
    rec.labels = JSON.parse('{"__proto__":"p","constructor":"c"}') as Record<string, string>;
    for (let k = rng.int(0, 5); k > 0; k--) rec.labels[randomString(rng, 20)] = randomString(rng, 50);
  }
  return rec;
}

// --- hand-written protobuf wire encoding (for malformed messages) ---
function varint(n: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const tag = (field: number, wireType: number): Buffer => varint(BigInt((field << 3) | wireType));
const ld = (field: number, body: Buffer): Buffer => Buffer.concat([tag(field, 2), varint(BigInt(body.length)), body]);
const vi = (field: number, n: bigint): Buffer => Buffer.concat([tag(field, 0), varint(n)]);

/** A malformed or hostile DetectRequest (or other request) as bytes. */
function rawMessage(rng: SeededRandom): Buffer {
  const goodRecord = (): Buffer => Buffer.concat([ld(1, Buffer.from(`raw-${rng.hex(6)}`)), ld(2, Buffer.from(randomString(rng, 60)))]);
  const r = rng.next();
  if (r < 0.15) return randomBytes(rng, rng.int(0, 2000));
  if (r < 0.3) {
    const m = Buffer.concat(Array.from({ length: rng.int(1, 5) }, () => ld(1, goodRecord())));
    for (let i = rng.int(1, 4); i > 0 && m.length; i--) m[rng.int(0, m.length - 1)] ^= 1 << rng.int(0, 7);
    return rng.chance(0.5) ? m.subarray(0, rng.int(0, m.length)) : m;
  }
  if (r < 0.45) {
    // invalid UTF-8 in string fields (id, message, level, session, a label key or value)
    const f = rng.pick([1, 2, 4, 7]);
    const bad = Buffer.concat([Buffer.from('x'), invalidUtf8(rng), Buffer.from('y')]);
    const rec = rng.chance(0.7) ? Buffer.concat([goodRecord(), ld(f, bad)]) : Buffer.concat([goodRecord(), ld(8, Buffer.concat([ld(1, bad), ld(2, bad)]))]);
    return ld(1, rec);
  }
  if (r < 0.55) return Buffer.concat([vi(1, BigInt(rng.int(0, 1e6))), ld(2, randomBytes(rng, 8))]); // wrong wire types
  if (r < 0.65) return Buffer.concat([tag(1, 2), varint(BigInt(rng.pick([2 ** 31, 2 ** 35, 2 ** 62]))), randomBytes(rng, 16)]); // length past the end
  if (r < 0.72) return Buffer.concat([Buffer.concat(Array.from({ length: rng.pick([100, 10_000, 100_000]) }, () => tag(9, 3))), tag(9, 4)]); // nested groups
  if (r < 0.8) return ld(1, Buffer.concat([goodRecord(), ld(3, Buffer.concat([vi(1, -(2n ** 63n)), vi(2, -1n)]))])); // timestamp at the edges
  if (r < 0.88) return ld(1, Buffer.concat([goodRecord(), ld(8, rng.chance(0.5) ? Buffer.alloc(0) : ld(2, Buffer.from('v')))])); // map entry without key
  if (r < 0.94) return Buffer.concat([vi(rng.int(100, 536_870_911), BigInt(rng.int(0, 1000))), ld(1, goodRecord())]); // unknown fields
  return Buffer.concat([vi(2, 1n), vi(2, 2n ** 64n - 1n), vi(3, 7n)]); // bools out of range
}

const deadline = (): number => Date.now() + 20_000;

/** A gRPC input to the detector. */
export function grpcCase(rng: SeededRandom, variant: string): (t: FuzzTarget) => Promise<CaseResult> {
  return (t) =>
    new Promise<CaseResult>((resolve) => {
      const { typed, raw } = clientsFor(t.detectorPort);
      const records = (n: number): WireRecord[] => Array.from({ length: n }, (_, i) => wireRecord(rng, t, i));
      switch (variant) {
        case 'detect-hostile': {
          const many = rng.chance(0.03);
          const recs = many ? Array.from({ length: 10_001 }, (_, i) => ({ id: `m${i}`, message: 'x' })) : records(rng.int(0, 40));
          typed.Detect({ records: recs, dry_run: rng.chance(0.3), explain: rng.chance(0.3) }, meta(t.detectorKey), { deadline: deadline() }, (err) => resolve(resultOf(err, `Detect ${recs.length}`)));
          return;
        }
        case 'raw-bytes': {
          const method = rng.pick(['Detect', 'Detect', 'Detect', 'Feedback', 'CloseSessions', 'GetModel']);
          raw.makeUnaryRequest(SERVICE + method, (b: Buffer) => b, (b: Buffer) => b, rawMessage(rng), meta(t.detectorAdminKey), { deadline: deadline() }, (err) => resolve(resultOf(err, `raw ${method}`)));
          return;
        }
        case 'stream': {
          const call = typed.DetectStream(meta(t.detectorKey), { deadline: deadline() });
          settleOnEnd(call, 'DetectStream', resolve);
          for (let i = rng.int(1, 5); i > 0; i--) call.write({ records: records(rng.int(0, 10)), dry_run: rng.chance(0.5) });
          if (rng.chance(0.8)) call.end();
          else setTimeout(() => call.cancel(), rng.int(0, 200));
          return;
        }
        case 'feedback':
          typed.Feedback({ records: records(rng.int(0, 4)), note: randomString(rng, rng.pick([10, 1000, 100_000])) }, meta(t.detectorAdminKey), { deadline: deadline() }, (err) => resolve(resultOf(err, 'Feedback')));
          return;
        case 'close-sessions': {
          const ids = rng.chance(0.05) ? Array.from({ length: 10_001 }, (_, i) => `s${i}`) : Array.from({ length: rng.int(0, 50) }, () => (rng.chance(0.1) ? 'x'.repeat(rng.pick([257, 100_000])) : randomString(rng, 40)));
          typed.CloseSessions({ session_ids: ids, dry_run: rng.chance(0.5) }, meta(t.detectorAdminKey), { deadline: deadline() }, (err) => resolve(resultOf(err, `CloseSessions ${ids.length}`)));
          return;
        }
        case 'auth': {
          const key = rng.pick([undefined, '', 'wrong', t.detectorKey + 'x', t.detectorKey, 'k'.repeat(5000)]);
          const method = rng.pick(['Detect', 'Feedback', 'CloseSessions', 'GetModel']);
          const m = meta(key);
          if (rng.chance(0.2)) m.set('authorization', rng.pick(['Basic abc', 'Bearer', `bearer  ${t.detectorKey}`, `Bearer ${t.detectorKey} extra`]));
          const cb = (err: grpc.ServiceError | null): void => resolve(resultOf(err, `${method} key=${String(key).slice(0, 10)}`));
          if (method === 'Detect') typed.Detect({ records: records(1) }, m, { deadline: deadline() }, cb);
          else if (method === 'Feedback') typed.Feedback({ records: records(1) }, m, { deadline: deadline() }, cb);
          else if (method === 'CloseSessions') typed.CloseSessions({ session_ids: ['a'] }, m, { deadline: deadline() }, cb);
          else typed.GetModel({}, m, { deadline: deadline() }, cb);
          return;
        }
        default: {
          // Train with hostile options and no records, never activated: must be refused or fail cleanly.
          const call = typed.Train(meta(rng.chance(0.3) ? t.detectorKey : t.detectorAdminKey), { deadline: deadline() });
          settleOnEnd(call, 'Train', resolve);
          call.write({
            options: {
              activate: false,
              session_regex: rng.pick(['(', '(a+)+$', '[z-a]', randomString(rng, 20), '']),
              log_format: rng.pick(['<Content', '<A><A>', randomString(rng, 30), '']),
              session_field: randomString(rng, 20),
              window: rng.pick([0, 1, 2 ** 31, 4294967295]),
              top_g: rng.pick([0, 1, 100_000]),
              max_epochs: rng.pick([0, 1]),
              ...(rng.chance(0.5) ? { value_confidence: rng.pick([-1, 0, 0.5, 1, 2, Number.NaN, Number.POSITIVE_INFINITY, 1e-300]) } : {}),
            },
            records: [],
          });
          call.end();
        }
      }
    });
}
