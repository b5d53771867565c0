/**
 * The served path of the served benchmark: whole raw lines sent to the real detector over
 * gRPC `Detect` with no session id (the detector applies the model's preprocessing), in
 * file order and batches, then `CloseSessions` for every session id the results named.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto, type DetectorClient } from '@log-sentinel/proto';

type Callback<Res> = (err: grpc.ServiceError | null, res?: Res) => void;
type DetectRequest = Parameters<DetectorClient['Detect']>[0];
type DetectReply = NonNullable<Parameters<Parameters<DetectorClient['Detect']>[1]>[1]>;
type CloseRequest = Parameters<DetectorClient['CloseSessions']>[0];
type CloseReply = NonNullable<Parameters<Parameters<DetectorClient['CloseSessions']>[1]>[1]>;
type ModelReply = NonNullable<Parameters<Parameters<DetectorClient['GetModel']>[1]>[1]>;

/** One detector result as the benchmark uses it. */
export type DetectResultOut = DetectReply['results'][number];
/** One session verdict as the benchmark uses it. */
export type SessionVerdictOut = CloseReply['results'][number];

function unary<Req, Res>(fn: (req: Req, cb: Callback<Res>) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn(req, (err, res) => (err || !res ? reject(err ?? new Error('empty reply')) : resolve(res))));
}

/** A gRPC client of the detector on 127.0.0.1:`port`. */
export function detectorClient(port: number): DetectorClient {
  const { grpcType } = loadDetectorProto();
  return new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 256 << 20,
    'grpc.max_send_message_length': 256 << 20,
  });
}

/** Waits until the detector serves a model (GetModel status "scored"); returns its version. */
export async function waitForModel(client: DetectorClient, timeoutMs = 120_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const m = await unary<object, ModelReply>(client.GetModel.bind(client) as never, {});
      if (m.status === 'scored' && m.version) return m.version;
      last = `status ${m.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the detector served no model within ${timeoutMs} ms (${last})`);
}

/** Counts of the Detect phase. */
export interface DetectPhase {
  records: number;
  calls: number;
  seconds: number;
  /** Results whose status was not "scored". */
  notScored: number;
}

/**
 * Sends `lines` (whole raw lines, record id = 1-based line number) in batches, in order;
 * calls `onResult(lineIndex, result)` per result and `onClosed` per idle-closed session
 * verdict the responses carry.
 */
export async function detectLines(
  client: DetectorClient,
  lines: readonly string[],
  batch: number,
  onResult: (index: number, r: DetectResultOut) => void,
  onClosed: (v: SessionVerdictOut) => void,
  progress: (done: number) => void,
): Promise<DetectPhase> {
  const t0 = performance.now();
  let calls = 0;
  let notScored = 0;
  for (let i = 0; i < lines.length; i += batch) {
    const records = lines.slice(i, i + batch).map((message, j) => ({ id: String(i + j + 1), message }));
    const res = await unary<DetectRequest, DetectReply>(client.Detect.bind(client) as never, { records });
    calls++;
    if (res.results.length !== records.length) throw new Error(`Detect answered ${res.results.length} results for ${records.length} records`);
    res.results.forEach((r, j) => {
      if (r.record_id !== records[j]!.id) throw new Error(`Detect result ${j} is for record ${r.record_id}, expected ${records[j]!.id}`);
      if (r.status !== 'scored') notScored++;
      onResult(i + j, r);
    });
    for (const v of res.closed_sessions ?? []) onClosed(v);
    if (calls % 100 === 0) progress(i + records.length);
  }
  return { records: lines.length, calls, seconds: Number(((performance.now() - t0) / 1000).toFixed(2)), notScored };
}

/** Result of the CloseSessions phase. */
export type ClosePhase =
  | { ok: true; requested: number; calls: number; seconds: number; statuses: Record<string, number> }
  | { ok: false; code: string; message: string };

/** Closes `ids` in chunks, calling `onVerdict` per verdict; reports a refusal (e.g. UNIMPLEMENTED) instead of throwing. */
export async function closeSessions(client: DetectorClient, ids: readonly string[], chunk: number, onVerdict: (v: SessionVerdictOut) => void): Promise<ClosePhase> {
  const t0 = performance.now();
  const statuses: Record<string, number> = {};
  let calls = 0;
  for (let i = 0; i < ids.length; i += chunk) {
    const session_ids = ids.slice(i, i + chunk);
    let res: CloseReply;
    try {
      res = await unary<CloseRequest, CloseReply>(client.CloseSessions.bind(client) as never, { session_ids });
    } catch (err) {
      const e = err as grpc.ServiceError;
      if (typeof e.code === 'number') return { ok: false, code: grpc.status[e.code] ?? String(e.code), message: e.details ?? e.message };
      throw err;
    }
    calls++;
    if (res.results.length !== session_ids.length) throw new Error(`CloseSessions answered ${res.results.length} verdicts for ${session_ids.length} ids`);
    for (const v of res.results) {
      statuses[v.status] = (statuses[v.status] ?? 0) + 1;
      onVerdict(v);
    }
  }
  return { ok: true, requested: ids.length, calls, seconds: Number(((performance.now() - t0) / 1000).toFixed(2)), statuses };
}
