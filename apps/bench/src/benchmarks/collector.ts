/**
 * `npm run bench:collector`: the collector process on loopback.
 * 1. Spool: `POST /logs` NDJSON batches with Elasticsearch down (a closed port) and no
 *    detector: accepted records/s (each reply means the records are fsynced). Target ≥ 50,000/s.
 * 1a. Spool intake with 10-record POSTs (`--intake-batch`) from `--intake-clients` keep-alive
 *    connections, Elasticsearch down. Target ≥ 150,000 records/s.
 * 1b. Replay: a new collector drains that spool into the real local Elasticsearch (docs/s).
 * 2. Elasticsearch: the same records through the collector into the real local node
 *    (docs/s from the first POST until `_count` reaches N), beside posting the same documents
 *    directly to `_bulk` (same bulk size and concurrency) in the same run; ratio = overhead.
 *    Target ≥ 0.9.
 * 3. `POST /logs` latency at `--latency-rate` records/s (2000) in 10-record POSTs with the real
 *    detector slowed to `--detector-delay-ms` (100) per call (collector-latency.ts), after the
 *    same load with no detector as a baseline. Target p99 ≤ 10 ms.
 * Args: `--records N` (200000), `--batch N` (1000 records per POST), `--clients N` (8),
 * `--intake-records N` (300000), `--intake-batch N` (10), `--intake-clients N` (16),
 * `--es-records N` (100000), `--es URL` (ELASTIC_ADDR or http://127.0.0.1:9200), `--skip-es`,
 * `--latency-seconds N` (20), `--skip-latency`, `--skip-spool` (parts 1, 1a and 1b),
 * `--data DIR` (default `<repo root>/testdata`; reads loghub_2k/HDFS/HDFS_2k.log),
 * `--cpu-prof DIR` (every collector process it starts writes a V8 CPU profile there on exit),
 * `--collector FILE` (another build's `main.js`, for an A/B run against it), `--probe` (the
 * latency part loads collector-probe.ts into the collector: server-side times, event-loop
 * delay, GC pauses, CPU waits, spool I/O, reported as `collector`).
 * JSON on stdout, progress on stderr. Bench indices are deleted afterwards.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, spawnWatched, waitForHttpOk, type WatchedProcess } from '@log-sentinel/loopback-process';
import { normalizeNdjson, pendingVerdict, toElasticDocument } from '@log-sentinel/schema';
import { benchDataDir, benchDataFile } from '../bench-data';
import { measureSlowDetectorLatency } from './collector-latency';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let COLLECTOR = path.join(ROOT, 'apps', 'collector', 'dist', 'main.js');
const TEMPLATE = path.join(ROOT, 'infra', 'elastic', 'index-template.json');

function arg(args: string[], name: string, def: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
}

/** CPU seconds (user + system) the process `pid` has used so far, from /proc: a cost per request the machine's other load does not inflate much. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** p50 / p99 of a 4 KiB write + fdatasync in `dir` (200 rounds): what every acknowledged POST waits for at least once. */
function fdatasyncMs(dir: string): { p50: number; p99: number } {
  const file = path.join(dir, 'fdatasync-probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 0x61);
  const ms: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      const t0 = process.hrtime.bigint();
      fs.writeSync(fd, block, 0, block.length, i * block.length);
      fs.fdatasyncSync(fd);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  ms.sort((a, b) => a - b);
  return { p50: +ms[99]!.toFixed(3), p99: +ms[197]!.toFixed(3) };
}

function progress(msg: string): void {
  process.stderr.write(`bench:collector: ${msg}\n`);
}

/** NDJSON bodies of `batch` records each, built from real HDFS lines. */
function buildBodies(file: string, total: number, batch: number): Buffer[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const services = ['hdfs-datanode', 'hdfs-namenode', 'web', 'payments'];
  const bodies: Buffer[] = [];
  const base = Date.parse('2026-06-01T00:00:00Z');
  for (let start = 0; start < total; start += batch) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(total, start + batch); i++) {
      const line = lines[i % lines.length];
      const level = /\bWARN\b/.test(line) ? 'WARN' : /\bERROR\b/.test(line) ? 'ERROR' : 'INFO';
      parts.push(JSON.stringify({ timestamp: new Date(base + i).toISOString(), level, message: `${line} seq=${i}`, source: services[i % services.length] }));
    }
    bodies.push(Buffer.from(parts.join('\n') + '\n'));
  }
  return bodies;
}

/** Node flags for the collector processes: `--cpu-prof DIR` profiles each one. */
let collectorNodeArgs: string[] = [];

async function startCollector(env: Record<string, string>): Promise<WatchedProcess & { url: string }> {
  if (!fs.existsSync(COLLECTOR)) throw new Error(`${COLLECTOR} missing: run npm run build`);
  const port = await freePort();
  const proc = spawnWatched(process.execPath, [...collectorNodeArgs, COLLECTOR], { ...process.env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: '127.0.0.1', LOG_LEVEL: 'warn', DETECTOR_ADDR: 'off', LOG_SENTINEL_DIR: 'off', ...env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttpOk(proc, `${url}/healthz`, 20_000);
  return { ...proc, url };
}

/** POSTs every body with `clients` concurrent keep-alive connections; returns seconds taken and records accepted. */
async function postAll(url: string, pathName: string, bodies: Buffer[], clients: number, contentType: string): Promise<{ seconds: number; accepted: number; replies: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(pathName, url);
  let next = 0;
  let accepted = 0;
  let replies = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      for (;;) {
        const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.length } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          });
          req.on('error', reject);
          req.end(body);
        });
        replies++;
        if (status === 429 || status === 503) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (status !== 200) throw new Error(`POST ${pathName} answered ${status}: ${text.slice(0, 200)}`);
        // Cheap reply reading (the client shares the 2 cores with the collector).
        const m = /"accepted":(\d+)/.exec(text.slice(0, 64));
        if (m) accepted += Number(m[1]);
        else if (/^\{("took":\d+,)?"errors":false/.test(text)) accepted += (text.match(/"_id":/g) ?? []).length;
        else throw new Error(`POST ${pathName}: unexpected reply ${text.slice(0, 200)}`);
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  agent.destroy();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, accepted, replies };
}

async function es(esUrl: string, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(p, esUrl), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return res.json();
}

async function waitCount(esUrl: string, prefix: string, n: number, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await es(esUrl, 'POST', `/${prefix}-*/_refresh?ignore_unavailable=true&allow_no_indices=true`);
    const c = ((await es(esUrl, 'GET', `/${prefix}-*/_count?ignore_unavailable=true&allow_no_indices=true`)) as { count?: number }).count ?? 0;
    if (c >= n || Date.now() > end) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Deletes the bench indices by name (wildcard deletes are refused by default). */
async function deleteIndices(esUrl: string, prefixes: string[]): Promise<void> {
  for (const prefix of prefixes) {
    const rows = (await es(esUrl, 'GET', `/_cat/indices/${prefix}*?format=json&h=index`).catch(() => [])) as Array<{ index?: string }>;
    for (const r of Array.isArray(rows) ? rows : []) if (r.index) await es(esUrl, 'DELETE', `/${r.index}`).catch(() => undefined);
  }
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<unknown> {
  const total = arg(args, '--records', 200_000);
  const batch = arg(args, '--batch', 1000);
  const clients = arg(args, '--clients', 8);
  const esRecords = arg(args, '--es-records', 100_000);
  const esIdx = args.indexOf('--es');
  const esUrl = esIdx >= 0 ? args[esIdx + 1] : (process.env.ELASTIC_ADDR ?? 'http://127.0.0.1:9200');
  const hdfs = benchDataFile('collector', benchDataDir(args), ['loghub_2k', 'HDFS', 'HDFS_2k.log']);
  const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, loadavg1m: os.loadavg()[0] } };
  const profIdx = args.indexOf('--cpu-prof');
  collectorNodeArgs = profIdx >= 0 ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(args[profIdx + 1] ?? '.')] : [];
  const mainIdx = args.indexOf('--collector');
  if (mainIdx >= 0) COLLECTOR = path.resolve(args[mainIdx + 1] ?? '');
  result.collector = path.relative(ROOT, COLLECTOR);

  // 1. Into the spool, Elasticsearch down.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-collector-'));
  (result.machine as Record<string, unknown>).fdatasyncMs = fdatasyncMs(tmp);
  const skipSpool = args.includes('--skip-spool');
  progress(`building ${total} records in batches of ${batch}`);
  const bodies = buildBodies(hdfs, total, batch);
  let spooled = 0;
  if (!skipSpool) {
    const a = await startCollector({ ELASTIC_ADDR: 'http://127.0.0.1:9', SPOOL_DIR: path.join(tmp, 'spool'), COLLECTOR_STATE_DIR: path.join(tmp, 'state'), SPOOL_MAX_BYTES: String(4 * 1024 ** 3) });
    try {
      spooled += (await postAll(a.url, '/logs', bodies.slice(0, 5), clients, 'application/x-ndjson')).accepted; // warm-up
      progress(`posting ${total} records with ${clients} clients, Elasticsearch down`);
      const cpu0 = cpuSeconds(a.child.pid);
      const r = await postAll(a.url, '/logs', bodies, clients, 'application/x-ndjson');
      const cpu = cpuSeconds(a.child.pid) - cpu0;
      spooled += r.accepted;
      result.spool = {
        records: r.accepted,
        seconds: +r.seconds.toFixed(3),
        recordsPerSecond: Math.round(r.accepted / r.seconds),
        collectorCpuSeconds: +cpu.toFixed(2),
        collectorCpuMicrosPerRecord: +((cpu * 1e6) / r.accepted).toFixed(1),
        batch,
        clients,
        target: 50_000,
        met: r.accepted / r.seconds >= 50_000,
      };
      progress(`spool: ${Math.round(r.accepted / r.seconds)} records/s`);
    } finally {
      await a.stop();
    }
  }

  // 1a. Small POSTs (10 records) into the spool, Elasticsearch down.
  if (!skipSpool) {
    const n = arg(args, '--intake-records', 300_000);
    const small = arg(args, '--intake-batch', 10);
    const smallClients = arg(args, '--intake-clients', 16);
    const smallBodies = buildBodies(hdfs, n, small);
    const tmpSmall = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-collector-small-'));
    const s = await startCollector({ ELASTIC_ADDR: 'http://127.0.0.1:9', SPOOL_DIR: path.join(tmpSmall, 'spool'), COLLECTOR_STATE_DIR: path.join(tmpSmall, 'state'), SPOOL_MAX_BYTES: String(4 * 1024 ** 3) });
    try {
      await postAll(s.url, '/logs', smallBodies.slice(0, 500), smallClients, 'application/x-ndjson'); // warm-up
      progress(`posting ${n} records in ${small}-record POSTs with ${smallClients} keep-alive clients, Elasticsearch down`);
      const cpu0 = cpuSeconds(s.child.pid);
      const r = await postAll(s.url, '/logs', smallBodies, smallClients, 'application/x-ndjson');
      const cpu = cpuSeconds(s.child.pid) - cpu0;
      const rate = Math.round(r.accepted / r.seconds);
      result.spoolSmallPosts = {
        records: r.accepted,
        requests: r.replies,
        seconds: +r.seconds.toFixed(3),
        recordsPerSecond: rate,
        requestsPerSecond: Math.round(r.replies / r.seconds),
        // CPU the collector spent per request (its scoring stage included): comparable across loads where the rate is not.
        collectorCpuMicrosPerRequest: +((cpu * 1e6) / r.replies).toFixed(1),
        batch: small,
        clients: smallClients,
        target: 150_000,
        met: rate >= 150_000,
      };
      progress(`spool, ${small}-record POSTs: ${rate} records/s`);
    } finally {
      await s.stop();
      fs.rmSync(tmpSmall, { recursive: true, force: true });
    }
  }

  // 1b. The same spool replayed into the real Elasticsearch by a new collector process.
  if (!args.includes('--skip-es') && !skipSpool) {
    const replayPrefix = `bench-replay-${Date.now()}`;
    try {
      const started = process.hrtime.bigint();
      const r = await startCollector({ ELASTIC_ADDR: esUrl, ELASTIC_INDEX: replayPrefix, SPOOL_DIR: path.join(tmp, 'spool'), COLLECTOR_STATE_DIR: path.join(tmp, 'state') });
      try {
        progress(`replaying the spool into ${esUrl}`);
        const count = await waitCount(esUrl, replayPrefix, spooled, 300_000);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        result.replay = { docs: count, seconds: +seconds.toFixed(3), docsPerSecond: Math.round(count / seconds), note: 'process start + spool recovery + delivery, no concurrent intake' };
      } finally {
        await r.stop();
      }
    } finally {
      await deleteIndices(esUrl, [replayPrefix]);
      await es(esUrl, 'DELETE', `/_index_template/${replayPrefix}`).catch(() => undefined);
    }
  }

  // 2. Into the real Elasticsearch, beside direct _bulk.
  if (!args.includes('--skip-es')) {
    const stamp = Date.now();
    const collPrefix = `bench-coll-${stamp}`;
    const directPrefix = `bench-direct-${stamp}`;
    const esBodies = buildBodies(hdfs, esRecords, batch);
    const tmp2 = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-collector-es-'));
    try {
      const b = await startCollector({ ELASTIC_ADDR: esUrl, ELASTIC_INDEX: collPrefix, SPOOL_DIR: path.join(tmp2, 'spool'), COLLECTOR_STATE_DIR: path.join(tmp2, 'state') });
      let collector: Record<string, unknown>;
      try {
        await new Promise((r) => setTimeout(r, 1500)); // template install
        progress(`posting ${esRecords} records through the collector into ${esUrl}`);
        const started = process.hrtime.bigint();
        const cpu0 = cpuSeconds(b.child.pid);
        const posted = await postAll(b.url, '/logs', esBodies, clients, 'application/x-ndjson');
        const count = await waitCount(esUrl, collPrefix, esRecords, 300_000);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // The collector's CPU per document (intake, scoring stage, delivery): what it takes from the cores Elasticsearch indexes with.
        const cpuMicrosPerDoc = +(((cpuSeconds(b.child.pid) - cpu0) * 1e6) / count).toFixed(1);
        collector = { docs: count, seconds: +seconds.toFixed(3), docsPerSecond: Math.round(count / seconds), acceptSeconds: +posted.seconds.toFixed(3), cpuMicrosPerDoc };
      } finally {
        await b.stop();
      }
      // The same documents, straight to _bulk, same bulk size and concurrency as the collector's defaults.
      const template = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8')) as Record<string, unknown>;
      template.index_patterns = [`${directPrefix}-*`];
      await es(esUrl, 'PUT', `/_index_template/${directPrefix}`, template);
      const docs = esBodies.flatMap((body) => normalizeNdjson(body.toString('utf8'), { receivedAt: new Date() }).records.map((rec) => toElasticDocument(rec, pendingVerdict())));
      const bulkSize = 2000;
      const bulkBodies: Buffer[] = [];
      for (let i = 0; i < docs.length; i += bulkSize) {
        const lines: string[] = [];
        for (const d of docs.slice(i, i + bulkSize)) {
          const day = d['@timestamp'].slice(0, 10).replace(/-/g, '.');
          lines.push(JSON.stringify({ index: { _index: `${directPrefix}-${day}`, _id: d.event.id } }), JSON.stringify(d));
        }
        bulkBodies.push(Buffer.from(lines.join('\n') + '\n'));
      }
      progress(`posting the same ${docs.length} documents directly to _bulk`);
      const started = process.hrtime.bigint();
      await postAll(esUrl, '/_bulk', bulkBodies, 2, 'application/x-ndjson');
      const count = await waitCount(esUrl, directPrefix, docs.length, 300_000);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const direct = { docs: count, seconds: +seconds.toFixed(3), docsPerSecond: Math.round(count / seconds), bulkSize, concurrency: 2 };
      const ratio = +((collector.docsPerSecond as number) / direct.docsPerSecond).toFixed(3);
      result.elasticsearch = { collector, direct, ratio, target: 0.9, met: ratio >= 0.9 };
    } finally {
      await deleteIndices(esUrl, [collPrefix, directPrefix]);
      await es(esUrl, 'DELETE', `/_index_template/${collPrefix}`).catch(() => undefined);
      await es(esUrl, 'DELETE', `/_index_template/${directPrefix}`).catch(() => undefined);
      fs.rmSync(tmp2, { recursive: true, force: true });
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // 3. POST /logs latency with a slow detector.
  if (!args.includes('--skip-latency')) {
    const latency = (detector: boolean): Promise<Record<string, unknown>> =>
      measureSlowDetectorLatency({
        root: ROOT,
        startCollector,
        recordsPerSecond: arg(args, '--latency-rate', 2000),
        batch: 10,
        seconds: arg(args, '--latency-seconds', 20),
        delayMs: arg(args, '--detector-delay-ms', 100),
        detector,
        probe: args.includes('--probe'),
      });
    // The baseline first: the same load with no detector, so the two p99s share the machine's state.
    progress('POST /logs latency at a fixed rate, no detector (baseline)');
    result.latencyNoDetector = { ...(await latency(false)), fdatasyncMsAfter: fdatasyncMs(os.tmpdir()) };
    progress(`latency, no detector: ${JSON.stringify(result.latencyNoDetector)}`);
    progress('POST /logs latency at a fixed rate with the detector slowed');
    result.latencySlowDetector = await latency(true);
    progress(`latency: ${JSON.stringify(result.latencySlowDetector)}`);
  }
  result.loadavg1mAfter = os.loadavg()[0];
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return result;
}
