/**
 * `npm run bench:detector`: a gRPC load client against the real detector process.
 * - throughput: Detect in batches of 500 (HDFS_2k records, sessions by block id) from
 *   `--concurrency` callers for `--seconds`; Drain + DeepLog + iForest all run per record;
 * - latency: single-record Detect calls one after another (p50/p99/max);
 * - sessions: RSS of the detector after `--sessions` distinct live sessions;
 * - quality: train on the normal lines of labeled_raw HDFS_2k / BGL_2k, detect every line
 *   (the same pipeline offline), per-line precision/recall/F1.
 * JSON on stdout, progress on stderr. Flags: --seconds N, --concurrency N, --batch N,
 * --latency-calls N, --sessions N, --skip-quality, --skip-load, --profile DIR (CPU profile of the detector),
 * --loganomaly (the served model also carries LogAnomaly, `train --loganomaly`: what serving it costs),
 * --data DIR (default `<repo root>/testdata`; reads its labeled_raw/).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { LogFormat } from '@log-sentinel/drain';
import { DetectorEngine, detectOffline, trainOffline } from '@log-sentinel/pipeline';
import { DETECTOR_SERVICE, loadDetectorProto, type LogRecord } from '@log-sentinel/proto';
import { parseTimestamp } from '@log-sentinel/schema';
import { benchDataDir, benchDataFile, repoRoot } from '../bench-data';
import { startBenchDetector } from './process/detector-process';

const HDFS_FORMAT = '<Date> <Time> <Pid> <Level> <Component>: <Content>';
const BGL_FORMAT = '<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>';
const HDFS_SESSION = '(blk_-?\\d+)';

const log = (msg: string): void => void process.stderr.write(`bench:detector: ${msg}\n`);

function flag(args: string[], name: string, def: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** HDFS_2k lines → wire records (content, level, time). */
function hdfsRecords(file: string): LogRecord[] {
  const fmt = LogFormat.compile(HDFS_FORMAT);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const p = fmt.parse(l);
      const t = parseTimestamp(`${p.fields.Date} ${p.fields.Time}`)?.getTime() ?? 0;
      return { id: String(i + 1), message: p.content, level: p.fields.Level, service: 'hdfs', host: 'dn1', timestamp: { seconds: Math.floor(t / 1000), nanos: 0 } };
    });
}

/** CPU seconds (user + system) a process has used, from /proc (robust to other load on the machine). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Pre-encoded Detect calls: the client measures the server, not its own serialisation. */
function rawDetect(client: grpc.Client, body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${DETECTOR_SERVICE}/Detect`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      body,
      (err, res) => (err || !res ? reject(err ?? new Error('empty reply')) : resolve(res)),
    );
  });
}

async function loadPhase(root: string, tmp: string, args: string[], hdfsFile: string): Promise<Record<string, unknown>> {
  const seconds = flag(args, '--seconds', 10);
  const concurrency = flag(args, '--concurrency', 4);
  const batch = flag(args, '--batch', 500);
  const latencyCalls = flag(args, '--latency-calls', 2000);
  const nSessions = flag(args, '--sessions', 100_000);
  const modelDir = path.join(tmp, 'load-model');
  log('training the load model on HDFS_2k');
  const trained = await trainOffline({ input: hdfsFile, format: 'raw', logFormat: HDFS_FORMAT, sessionRegex: HDFS_SESSION, out: modelDir, loganomaly: args.includes('--loganomaly') });
  const profIdx = args.indexOf('--profile');
  const server = await startBenchDetector(root, modelDir, profIdx >= 0 ? args[profIdx + 1]! : undefined);
  log(`detector pid ${server.child.pid} on port ${server.port}, model ${trained.version}`);
  const { definition } = loadDetectorProto();
  const detectDef = (definition[DETECTOR_SERVICE] as grpc.ServiceDefinition).Detect!;
  const encode = (records: LogRecord[]): Buffer => detectDef.requestSerialize({ records });
  const decode = (b: Buffer) => detectDef.responseDeserialize(b) as { results: { record_id: string; status: string; reasons: string[] }[] };
  const client = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 << 20,
    // A 500-record reply is ~60 KB: with HTTP/2's default 64 KB window every reply would wait for a WINDOW_UPDATE.
    'grpc-node.flow_control_window': 8 << 20,
  });
  try {
    const records = hdfsRecords(hdfsFile);
    const bodies: Buffer[] = [];
    for (let i = 0; i + batch <= records.length; i += batch) bodies.push(encode(records.slice(i, i + batch)));
    // Contract check on one reply: one result per record, in order, scored.
    const first = decode(await rawDetect(client, bodies[0]!));
    const inOrder = first.results.length === batch && first.results.every((r, i) => r.record_id === String(i + 1) && r.status === 'scored');
    log(`throughput: ${concurrency} callers x batches of ${batch} for ${seconds}s`);
    for (let w = 0; w < 20; w++) await rawDetect(client, bodies[w % bodies.length]!);
    let done = 0;
    const cpu0 = process.cpuUsage();
    const serverCpu0 = cpuSeconds(server.child.pid!);
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, c) => {
        let k = c;
        while (performance.now() < until) {
          await rawDetect(client, bodies[k++ % bodies.length]!);
          done += batch;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const clientCpuS = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6;
    const serverCpuS = cpuSeconds(server.child.pid!) - serverCpu0;
    const throughput = Math.round(done / elapsed);
    log(`throughput ${throughput} records/s`);

    log(`latency: ${latencyCalls} single-record calls`);
    const singles = records.slice(0, 200).map((r) => encode([r]));
    for (let i = 0; i < 200; i++) await rawDetect(client, singles[i % singles.length]!);
    const lat: number[] = [];
    for (let i = 0; i < latencyCalls; i++) {
      const s = performance.now();
      await rawDetect(client, singles[i % singles.length]!);
      lat.push(performance.now() - s);
    }
    lat.sort((a, b) => a - b);

    log(`sessions: ${nSessions} distinct live sessions`);
    const rssBefore = rssMiB(server.child.pid!);
    for (let s = 0; s < nSessions; s += batch) {
      const recs = records.slice(0, batch).map((r, i) => ({ ...r, id: `s${s + i}`, session_id: `session-${s + i}` }));
      await rawDetect(client, encode(recs));
    }
    const rssAfter = rssMiB(server.child.pid!);
    const code = await server.stop();

    // The same engine in this process, no gRPC: how much of a single call is the detector's own work.
    const engine = await DetectorEngine.open({
      modelDir,
      learningTarget: 10_000,
      sessions: { maxSessions: 500_000, ttlMs: 3600_000, maxBytes: 192 << 20, sessionRegex: HDFS_SESSION },
      batch: { windowMs: 0, maxBatchItems: 8192 },
      reloadPollMs: 0,
    });
    const inProc: number[] = [];
    try {
      const domain = records.map((r) => ({ id: r.id!, message: r.message!, level: r.level!, service: 'hdfs', host: 'dn1' }));
      for (let i = 0; i < 200; i++) await engine.detect([domain[i % domain.length]!]);
      for (let i = 0; i < latencyCalls; i++) {
        const s = performance.now();
        await engine.detect([domain[i % domain.length]!]);
        inProc.push(performance.now() - s);
      }
    } finally {
      await engine.close();
    }
    inProc.sort((a, b) => a - b);
    return {
      model: trained.version,
      contract: { resultsInOrder: inOrder },
      throughput: { recordsPerSec: throughput, target: 50_000, met: throughput >= 50_000, batch, concurrency, seconds: Math.round(elapsed * 10) / 10, clientCpuS: Math.round(clientCpuS * 10) / 10,
        serverCpuS: Math.round(serverCpuS * 10) / 10,
        // Capacity independent of other load: records per second of detector CPU (all its threads).
        recordsPerServerCpuSecond: Math.round(done / serverCpuS) },
      latency: {
        calls: latencyCalls,
        p50Ms: +percentile(lat, 50).toFixed(3),
        p99Ms: +percentile(lat, 99).toFixed(3),
        maxMs: +lat[lat.length - 1]!.toFixed(3),
        targetP99Ms: 5,
        met: percentile(lat, 99) <= 5,
        engineInProcess: { p50Ms: +percentile(inProc, 50).toFixed(3), p99Ms: +percentile(inProc, 99).toFixed(3), maxMs: +inProc[inProc.length - 1]!.toFixed(3) },
      },
      sessions: { live: nSessions, rssBeforeMiB: rssBefore, rssMiB: rssAfter, targetMiB: 400, met: rssAfter <= 400 },
      sigtermExitCode: code,
    };
  } finally {
    client.close();
    await server.kill9();
  }
}

interface Prf {
  lines: number;
  anomalies: number;
  flagged: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  byReason: Record<string, { flagged: number; tp: number }>;
}

async function qualityOne(tmp: string, name: string, file: string, labels: Map<number, boolean>, logFormat: string, sessionRegex?: string): Promise<Prf> {
  const normal = path.join(tmp, `${name}-normal.log`);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  fs.writeFileSync(normal, lines.filter((l, i) => l.trim() && labels.get(i + 1) === false).join('\n') + '\n');
  const modelDir = path.join(tmp, `${name}-model`);
  log(`quality ${name}: training on ${[...labels.values()].filter((v) => !v).length} normal lines`);
  await trainOffline({ input: normal, format: 'raw', logFormat, sessionRegex, out: modelDir });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let flagged = 0;
  const byReason: Prf['byReason'] = {};
  await detectOffline({ input: file, format: 'raw', model: modelDir }, (v) => {
    if (v.kind !== 'record') return; // per line: session verdicts are not scored here
    const truth = labels.get(v.line) ?? false;
    if (v.is_anomaly) {
      flagged++;
      if (truth) tp++;
      else fp++;
      for (const r of v.reasons) {
        const e = (byReason[r] ??= { flagged: 0, tp: 0 });
        e.flagged++;
        if (truth) e.tp++;
      }
    } else if (truth) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { lines: labels.size, anomalies: [...labels.values()].filter(Boolean).length, flagged, tp, fp, fn, precision: r3(precision), recall: r3(recall), f1: r3(f1), byReason };
}

/** The labelled files the quality phase reads. */
interface QualityFiles {
  hdfs: string;
  hdfsLabels: string;
  bgl: string;
}

async function qualityPhase(tmp: string, files: QualityFiles): Promise<Record<string, unknown>> {
  const hdfsLabels = new Map<number, boolean>();
  for (const row of fs.readFileSync(files.hdfsLabels, 'utf8').split('\n').slice(1)) {
    const [id, , label] = row.split(',');
    if (id && label) hdfsLabels.set(Number(id), label.trim() !== 'Normal');
  }
  const bglFile = files.bgl;
  const bglLabels = new Map<number, boolean>();
  fs.readFileSync(bglFile, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (l.trim()) bglLabels.set(i + 1, !l.startsWith('- '));
    });
  const hdfs = await qualityOne(tmp, 'hdfs', files.hdfs, hdfsLabels, HDFS_FORMAT, HDFS_SESSION);
  const bgl = await qualityOne(tmp, 'bgl', bglFile, bglLabels, BGL_FORMAT);
  return { HDFS_2k: hdfs, BGL_2k: bgl };
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const root = repoRoot();
  const data = benchDataDir(args);
  const file = (...parts: string[]): string => benchDataFile('detector', data, ['labeled_raw', ...parts]);
  const hdfs = file('HDFS_2k', 'HDFS_2k.log');
  const quality = args.includes('--skip-quality') ? undefined : { hdfs, hdfsLabels: file('HDFS_2k', 'HDFS_2k_line_labels.csv'), bgl: file('BGL_2k', 'BGL_2k.log') };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-detector-'));
  try {
    const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, loadavg1m: os.loadavg()[0], node: process.version } };
    if (!args.includes('--skip-load')) result.load = await loadPhase(root, tmp, args, hdfs);
    if (quality) result.quality = await qualityPhase(tmp, quality);
    result.loadavgAfter1m = os.loadavg()[0];
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
