/**
 * Integration-test harness: the real collector and detector processes on loopback, a TCP
 * proxy in front of the real Elasticsearch (to take it "down" and "up"), and small
 * Elasticsearch queries. Used by `*.int.spec.ts` only.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto } from '@log-sentinel/proto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DETECTOR_LISTENING, freePort, spawnWatched, waitForHttpOk, waitForLogLine, type WatchedProcess } from '@log-sentinel/loopback-process';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** Built collector entry point. */
export const COLLECTOR_MAIN = path.join(ROOT, 'apps', 'collector', 'dist', 'main.js');
/** Built detector entry point. */
export const DETECTOR_MAIN = path.join(ROOT, 'apps', 'detector', 'dist', 'main.js');
/** The real Elasticsearch of the integration set-up. */
export const ES_URL = process.env.ELASTIC_ADDR ?? 'http://127.0.0.1:9200';

export { freePort } from '@log-sentinel/loopback-process';

/** Polls `cond` until true or throws after `ms`. */
export async function until(cond: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A temporary directory. */
export function tmpDir(tag: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `collector-int-${tag}-`));
}

/** A child process with its output kept for failure messages. */
export type Proc = WatchedProcess;

/** A collector process. */
export interface CollectorProc extends Proc {
  /** Base URL. */
  url: string;
}

/** Starts the built collector with `env` (plus loopback port, info logs) and waits for /healthz. */
export async function startCollector(env: Record<string, string>): Promise<CollectorProc> {
  const port = await freePort();
  const proc = spawnWatched(process.execPath, [COLLECTOR_MAIN], { ...process.env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttpOk(proc, `${url}/healthz`, 20_000);
  return { ...proc, url };
}

/**
 * Starts a collector in a fresh directory (`tmpDir(tag)`: spool and state inside) with file
 * input, the detector and Elasticsearch off unless `env` turns them on.
 */
export async function startIsolatedCollector(tag: string, env: Record<string, string> = {}): Promise<CollectorProc> {
  const dir = await tmpDir(tag);
  return startCollector({ SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off', DETECTOR_ADDR: 'off', ELASTIC_ADDR: 'off', ...env });
}

/**
 * What one spec file starts and indexes: the processes pushed to `procs` are stopped (SIGTERM,
 * or SIGKILL with `kill9`) and the index prefixes pushed to `prefixes` (or made by `newPrefix`,
 * `it-${name}-${now}`) dropped after all its tests.
 */
export function cleanedUpAfterAll(how: 'stop' | 'kill9' = 'stop'): { procs: Proc[]; prefixes: string[]; newPrefix: (name: string) => string } {
  const tracked = {
    procs: [] as Proc[],
    prefixes: [] as string[],
    newPrefix: (name: string): string => {
      const p = `it-${name}-${Date.now()}`;
      tracked.prefixes.push(p);
      return p;
    },
  };
  afterAll(async () => {
    for (const p of tracked.procs) await (how === 'kill9' ? p.kill9() : p.stop());
    for (const p of tracked.prefixes) await dropPrefix(p);
  });
  return tracked;
}

/** Starts the built detector on `port` with the model registry `modelDir` (plus `env`); resolves once it listens. */
export async function startDetector(port: number, modelDir: string, env: Record<string, string> = {}): Promise<Proc> {
  const proc = spawnWatched(process.execPath, [DETECTOR_MAIN], {
    ...process.env,
    DETECTOR_PORT: String(port),
    DETECTOR_HOST: '127.0.0.1',
    DETECTOR_METRICS_PORT: '0',
    MODEL_DIR: modelDir,
    LOG_LEVEL: 'info', // its "detector listening" line
    ...env,
  });
  await waitForLogLine(proc, DETECTOR_LISTENING, 30_000);
  return proc;
}

/** A TCP proxy to Elasticsearch that can refuse connections ("down") or forward them ("up"). */
export class ToggleProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** Forward when true; refuse when false. */
  up = false;
  /** Proxy port. */
  port = 0;

  /** Listens on a free loopback port, forwarding to `target`. */
  async start(target: URL): Promise<void> {
    this.server = net.createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(target.port || 80), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Refuses new connections and cuts the open ones. */
  down(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }

  /** Stops the proxy. */
  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** JSON request to the real Elasticsearch. */
export async function es(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(p, ES_URL), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Every `_id` in the prefix's daily indices (after a refresh), with repeats if any. */
export async function indexedIds(prefix: string): Promise<string[]> {
  await es('POST', `/${prefix}-*/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const res = await es('POST', `/${prefix}-*/_search?ignore_unavailable=true&allow_no_indices=true`, { size: 10_000, _source: false, sort: ['_doc'] });
  const hits = (res.hits as { hits: Array<{ _id: string }> } | undefined)?.hits ?? [];
  return hits.map((h) => h._id);
}

/** The `_source`s in the prefix's daily indices. */
export async function indexedDocs(prefix: string): Promise<Array<Record<string, unknown>>> {
  await es('POST', `/${prefix}-*/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const res = await es('POST', `/${prefix}-*/_search?ignore_unavailable=true&allow_no_indices=true`, { size: 10_000 });
  return ((res.hits as { hits: Array<{ _source: Record<string, unknown> }> } | undefined)?.hits ?? []).map((h) => h._source);
}

/** Deletes the prefix's indices (by name) and its template. */
export async function dropPrefix(prefix: string): Promise<void> {
  const res = await fetch(new URL(`/_cat/indices/${prefix}*?format=json&h=index`, ES_URL));
  const rows = res.ok ? ((await res.json()) as Array<{ index: string }>) : [];
  for (const r of rows) await es('DELETE', `/${r.index}`);
  await es('DELETE', `/_index_template/${prefix}`);
}

/** One HTTP request; returns status, headers, the reply text and the reply parsed as JSON (`{ text }` when it is not JSON). */
export async function send(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/** POSTs an NDJSON body; returns status and parsed reply. */
export function postLogs(url: string, body: string | Buffer, contentType = 'application/x-ndjson', headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  return send(`${url}/logs`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
}

/** NDJSON of `n` distinct records tagged `tag`. */
export function ndjson(tag: string, from: number, n: number): string {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) lines.push(JSON.stringify({ timestamp: '2026-06-01T12:00:00.000Z', level: 'INFO', source: 'it', message: `${tag} record ${i}` }));
  return lines.join('\n') + '\n';
}

/**
 * Value of a Prometheus metric from `url`/metrics (`headers`: e.g. the API key): `name` alone is
 * its first series whatever its labels, `name{label="value"}` that series; NaN when absent.
 */
export async function metric(url: string, name: string, headers: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers })).text();
  const series = name.includes('{') ? name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `${name}(?:\\{[^}]*\\})?`;
  const m = new RegExp(`^${series} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** The detector's `GetModel` answer on `port`: serving version ('' while learning) and records in its learning buffer. */
export function detectorModel(port: number): Promise<{ version: string; learningRecords: number }> {
  const { grpcType } = loadDetectorProto();
  const client = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.GetModel({}, { deadline: Date.now() + 5000 }, (err, res) => {
      client.close();
      if (err || !res) reject(err ?? new Error('GetModel answered nothing'));
      else resolve({ version: res.version, learningRecords: Number(res.learning_records) });
    }),
  );
}

/** Detect calls the collector at `url` made that a detector answered (its latency histogram, outcome "ok"). */
export async function detectorCalls(url: string, headers: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers })).text();
  return [...text.matchAll(/^collector_detector_latency_seconds_count\{[^}]*outcome="ok"[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}
