/**
 * Test support for the real detector process: HDFS_2k records as wire records, the
 * block-life-cycle flows DeepLog can learn, starting and stopping `apps/detector/dist/main.js`
 * on a free loopback port with a real gRPC client, and small call helpers.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { LogFormat } from '@log-sentinel/drain';
import { startDetectorProcess } from '@log-sentinel/loopback-process';
import type { DetectRecord } from '@log-sentinel/pipeline';
import { loadDetectorProto, type DetectorClient, type DetectResponse__Output, type LogRecord } from '@log-sentinel/proto';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The HDFS_2k sample log. */
export const HDFS = path.join(ROOT, 'testdata', 'labeled_raw', 'HDFS_2k', 'HDFS_2k.log');
/** HDFS_2k header format. */
export const fmt = LogFormat.compile('<Date> <Time> <Pid> <Level> <Component>: <Content>');
/** HDFS_2k lines. */
export const lines = fs.readFileSync(HDFS, 'utf8').split('\n').filter((l) => l.trim());

/** HDFS_2k lines as wire records, session = block id. */
export const wire: LogRecord[] = lines.map((l, i) => {
  const p = fmt.parse(l);
  return { id: `r${i + 1}`, message: p.content, level: p.fields.Level, service: 'hdfs', host: 'dn1', session_id: /blk_-?\d+/.exec(p.content)?.[0] ?? '' };
});

/**
 * HDFS_2k holds about one line per block, which is no sequence to learn. Training data with
 * real sessions: the block life cycle DeepLog's HDFS keys show (allocate, 3 × receiving,
 * 3 × responder terminating / received, 3 × added to the block map), each step a real HDFS_2k
 * content line with the session's own block id, 4 sessions interleaved at a time.
 */
export function exemplar(re: RegExp): string {
  const c = wire.map((r) => r.message!).find((m) => re.test(m));
  if (!c) throw new Error(`no HDFS_2k line matches ${re}`);
  return c;
}
/** One block's life cycle, as HDFS_2k content lines. */
export const FLOW = [
  exemplar(/allocateBlock/),
  ...Array<string>(3).fill(exemplar(/^Receiving block/)),
  ...[0, 1, 2].flatMap(() => [exemplar(/^PacketResponder \d+ for block .* terminating/), exemplar(/^Received block .* of size .* from/)]),
  ...Array<string>(3).fill(exemplar(/addStoredBlock: blockMap updated/)),
];
/** `sessions` block life cycles, 4 interleaved at a time, session = block id. */
export function flows(sessions: number): DetectRecord[] {
  const out: DetectRecord[] = [];
  for (let s = 0; s < sessions; s += 4) {
    for (let step = 0; step < FLOW.length; step++) {
      for (let k = s; k < Math.min(sessions, s + 4); k++) {
        const blk = `blk_${7000000000000000 + k}`;
        out.push({ id: `f${k}-${step}`, message: FLOW[step]!.replace(/blk_-?\d+/, blk), level: 'INFO', service: 'hdfs', host: 'dn1', sessionId: blk });
      }
    }
  }
  return out;
}
/** 120 block life cycles (1,560 records). */
export const domain = flows(120);
/** The flows as whole raw HDFS lines, with no session id: the detector derives the block ids itself. */
export const rawFlows: LogRecord[] = domain.map((r, i) => ({ id: r.id, message: `081109 2036${String(i % 60).padStart(2, '0')} 148 INFO dfs.DataNode: ${r.message}` }));

/** A started detector process with its gRPC client. */
export interface Proc {
  child: ChildProcess;
  port: number;
  /** Its log so far. */
  stderr: () => string;
  client: DetectorClient;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** Every detector started, for stopAll. */
export const procs: Proc[] = [];

/** Starts the built detector with these variables on a free port; resolves once it listens. */
export async function startDetector(env: Record<string, string>): Promise<Proc> {
  const d = await startDetectorProcess({ root: ROOT, env: { DETECTOR_RELOAD_POLL_MS: '100', ...env } });
  const { grpcType } = loadDetectorProto();
  const client = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${d.port}`, grpc.credentials.createInsecure());
  const p = { child: d.child, port: d.port, stderr: d.output, client, stop: d.stop };
  procs.push(p);
  return p;
}

/** SIGTERMs a detector and waits for its exit code. */
export function stop(p: Proc): Promise<number | null> {
  p.client.close();
  return p.stop();
}

/** Promise form of a unary gRPC call. */
export const unary = <Req, Res>(fn: (req: Req, cb: (e: grpc.ServiceError | null, r?: Res) => void) => void, req: Req): Promise<Res> =>
  new Promise((resolve, reject) => fn(req, (e, r) => (e ? reject(e) : resolve(r!))));
/** Detect call. */
export const detect = (p: Proc, records: LogRecord[], extra: object = {}) =>
  unary<object, DetectResponse__Output>(p.client.Detect.bind(p.client) as never, { records, ...extra });
/** GetModel call. */
export const getModel = (p: Proc) => unary<object, { version: string; status: string; learning_records: string; vocabulary: number }>(p.client.GetModel.bind(p.client) as never, {});
/** Polls `cond` every 100 ms until true; throws after `ms`. */
export const waitFor = async (what: string, cond: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Stops every detector started here. */
export async function stopAll(): Promise<void> {
  await Promise.all(procs.splice(0).map(stop));
}
