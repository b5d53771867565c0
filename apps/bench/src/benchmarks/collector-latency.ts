/**
 * Part of `npm run bench:collector`: `POST /logs` latency at a fixed offered load with a
 * slow detector. The real detector (no model: it answers `learning`, never trains here) sits
 * behind a TCP proxy that holds every chunk it sends back for `delayMs`, so each `Detect`
 * call takes at least that long. Requests are sent open-loop (one every `1000 / rate` ms,
 * whatever the replies do) over keep-alive connections; the latency of each is recorded.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startDetectorProcess } from '@log-sentinel/loopback-process';

/** Options of {@link measureSlowDetectorLatency}. */
export interface LatencyOptions {
  /** Repository root. */
  root: string;
  /** Starts the collector with extra env; returns its URL and a stop function. */
  startCollector(env: Record<string, string>): Promise<{ url: string; stop(): Promise<unknown> }>;
  /** Records per second offered. */
  recordsPerSecond: number;
  /** Records per POST. */
  batch: number;
  /** Seconds of load. */
  seconds: number;
  /** Added to every detector answer, ms. */
  delayMs: number;
  /** False: the same load with no detector at all (`DETECTOR_ADDR=off`), the baseline. */
  detector: boolean;
  /** Load collector-probe.js into the collector and report what it measured (`collector`). */
  probe?: boolean;
}

/** A TCP proxy that delays every chunk from the upstream by `delayMs` (order kept). */
async function delayingProxy(upstreamPort: number, delayMs: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Mean `Detect` latency (s) the collector measured, from its metrics. */
async function meanDetectSeconds(url: string): Promise<{ calls: number; meanMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = [...text.matchAll(/^collector_detector_latency_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const count = [...text.matchAll(/^collector_detector_latency_seconds_count\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  return { calls: count, meanMs: count ? +((sum / count) * 1000).toFixed(1) : NaN };
}

/** Runs the measurement; see the module comment. */
export async function measureSlowDetectorLatency(opts: LatencyOptions): Promise<Record<string, unknown>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-collector-latency-'));
  // No model and a learning target it never reaches: every call is answered (`learning`), nothing trains.
  const detector = opts.detector ? await startDetectorProcess({ root: opts.root, env: { MODEL_DIR: path.join(tmp, 'models'), DETECTOR_LEARNING_RECORDS: '10000000' } }) : undefined;
  const proxy = detector ? await delayingProxy(detector.port, opts.delayMs) : undefined;
  const probeOut = path.join(tmp, 'probe.json');
  const probeEnv: Record<string, string> = opts.probe ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'collector-probe.js')}`.trim(), BENCH_COLLECTOR_PROBE_OUT: probeOut } : {};
  const c = await opts.startCollector({
    ...probeEnv,
    DETECTOR_ADDR: proxy ? `127.0.0.1:${proxy.port}` : 'off',
    ELASTIC_ADDR: 'http://127.0.0.1:9',
    SPOOL_DIR: path.join(tmp, 'spool'),
    COLLECTOR_STATE_DIR: path.join(tmp, 'state'),
    DETECTOR_SESSION_POLL_MS: '0',
  });
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const target = new URL('/logs', c.url);
    const base = Date.parse('2026-06-01T00:00:00Z');
    let seq = 0;
    const body = (): Buffer => {
      const lines: string[] = [];
      for (let i = 0; i < opts.batch; i++, seq++) lines.push(JSON.stringify({ timestamp: new Date(base + seq).toISOString(), level: 'INFO', message: `Receiving block blk_${seq % 500} src: /10.250.19.102:54106 dest: /10.250.19.102:50010 seq=${seq}`, source: 'hdfs-datanode' }));
      return Buffer.from(lines.join('\n') + '\n');
    };
    const post = (b: Buffer): Promise<number> =>
      new Promise((resolve, reject) => {
        const t0 = process.hrtime.bigint();
        const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/x-ndjson', 'content-length': b.length } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`POST /logs answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(b);
      });
    // Warm-up (connections, JIT), not measured.
    for (let i = 0; i < 20; i++) await post(body());
    const perSecond = opts.recordsPerSecond / opts.batch;
    const total = Math.round(perSecond * opts.seconds);
    const latencies: number[] = [];
    // This process's own event-loop delay while it sends and times: what the client adds to the numbers.
    const clientLoop = monitorEventLoopDelay({ resolution: 1 });
    clientLoop.enable();
    const inflight: Array<Promise<void>> = [];
    const started = Date.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(post(body()).then((ms) => void latencies.push(ms)));
    }
    await Promise.all(inflight);
    clientLoop.disable();
    const elapsed = (Date.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const detect = await meanDetectSeconds(c.url);
    const p99 = percentile(latencies, 99);
    await c.stop();
    const probed = opts.probe && fs.existsSync(probeOut) ? { collector: JSON.parse(fs.readFileSync(probeOut, 'utf8')) as unknown } : {};
    return {
      offeredRecordsPerSecond: opts.recordsPerSecond,
      achievedRecordsPerSecond: Math.round((latencies.length * opts.batch) / elapsed),
      batch: opts.batch,
      requests: latencies.length,
      detectorDelayMs: detector ? opts.delayMs : null,
      detectCalls: detect.calls,
      detectMeanMs: detect.meanMs,
      p50Ms: +percentile(latencies, 50).toFixed(2),
      p99Ms: +p99.toFixed(2),
      maxMs: +(latencies[latencies.length - 1] ?? NaN).toFixed(2),
      clientLoopDelayP99Ms: +(clientLoop.percentile(99) / 1e6).toFixed(2),
      target: 10,
      met: p99 <= 10,
      ...probed,
    };
  } finally {
    await c.stop();
    proxy?.close();
    await detector?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
