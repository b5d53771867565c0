// `npm start` on a fresh data dir: both services come up, the collector answers POST /logs
// (text and JSON) and GET /anomalies, the console says what each service does; without
// ELASTIC_ADDR no Elasticsearch is used at all; SIGINT, SIGTERM and SIGHUP stop both
// services (exit 0); SIGKILL of `npm start` takes them down too (they watch their IPC
// channel); a port already taken is a one-line error before anything starts.
// docs/operations.md, "`npm start`", states each behaviour these tests prove.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '@log-sentinel/loopback-process';
import { COLLECTOR_ENTRY, DETECTOR_ENTRY } from './local-stack';

const START = path.resolve(__dirname, '..', '..', 'dist', 'start.js');

function waitFor(out: () => string, re: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      if (re.test(out())) {
        clearInterval(t);
        resolve();
      } else if (Date.now() > until) {
        clearInterval(t);
        reject(new Error(`timed out waiting for ${re} in:\n${out()}`));
      }
    }, 100);
  });
}

/** True while `pid` is a live process (a zombie nobody reaped counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves once none of `pids` is alive; rejects after `ms`. */
async function allGone(pids: number[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > until) throw new Error(`still running after ${ms} ms: ${pids.filter(alive).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  collectorUrl: string;
  metricsPort: number;
  pids: () => number[];
}

describe('npm start (real detector + collector)', () => {
  let home: string;
  const children: ChildProcess[] = [];
  const servicePids: number[] = [];
  beforeAll(() => {
    for (const entry of [START, DETECTOR_ENTRY, COLLECTOR_ENTRY]) {
      if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    }
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-start-'));
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const pid of servicePids.filter(alive)) process.kill(pid, 'SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** Runs dist/start.js in its own data dir with free ports; `env` entries set to undefined are removed. */
  async function start(name: string, env: Record<string, string | undefined>): Promise<Started> {
    const [collectorPort, detectorPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    const cwd = path.join(home, name);
    fs.mkdirSync(cwd);
    const full: NodeJS.ProcessEnv = {
      ...process.env,
      COLLECTOR_PORT: String(collectorPort),
      DETECTOR_PORT: String(detectorPort),
      DETECTOR_METRICS_PORT: String(metricsPort),
      STACK_STATUS_INTERVAL_MS: '500',
    };
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete full[k];
      else full[k] = v;
    }
    let out = '';
    const child = spawn(process.execPath, [START], { cwd, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const pids = (): number[] => [...out.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    return { child, out: () => out, exited, collectorUrl: `http://127.0.0.1:${collectorPort}`, metricsPort, pids };
  }

  async function ready(s: Started): Promise<number[]> {
    await waitFor(s.out, /collector: ready/, 60_000);
    const pids = s.pids();
    expect(pids).toHaveLength(2);
    servicePids.push(...pids);
    expect(pids.every(alive)).toBe(true);
    return pids;
  }

  it('serves POST /logs and GET /anomalies within a minute and stops cleanly on SIGINT (exit 0)', async () => {
    const s = await start('sigint', { ELASTIC_ADDR: 'http://127.0.0.1:9' });
    const started = Date.now();
    await ready(s);
    await waitFor(s.out, /detector: learning/, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(s.out()).toContain(`collector: HTTP ${s.collectorUrl}`);
    expect(s.out()).toMatch(/detector: {2}gRPC 127\.0\.0\.1:\d+/);
    expect(s.out()).toMatch(/detector: learning [\d,]+\/10,000 records/);
    expect(s.out()).toMatch(/Elasticsearch NOT reachable/);
    expect(s.out()).not.toMatch(/Elasticsearch: not used/);
    expect(fs.existsSync(path.join(home, 'sigint', '.log-sentinel', 'logs', 'detector.log'))).toBe(true);

    const text = await fetch(`${s.collectorUrl}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '2026-06-01T12:00:00Z INFO web GET /cart status=200 latency=41ms\n2026-06-01T12:00:01Z ERROR web GET /cart status=503 latency=3012ms\n',
    });
    expect(text.status).toBeLessThan(300);
    const json = await fetch(`${s.collectorUrl}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ timestamp: '2026-06-01T12:00:02Z', level: 'INFO', message: 'User u1 login attempt', source: 'auth' }]),
    });
    expect(json.status).toBeLessThan(300);
    const anomalies = await fetch(`${s.collectorUrl}/anomalies?since=2026-01-01T00:00:00Z&limit=10`);
    expect(anomalies.status).toBe(200);

    s.child.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.out()).toMatch(/SIGINT: stopping the collector/);
    expect(s.out()).toMatch(/collector stopped \(exit code 0\); detector stopped \(exit code 0\)/);
  }, 120_000);

  it('without ELASTIC_ADDR uses the local store only, says how to add Elasticsearch, and exits 0 on SIGTERM', async () => {
    // An Elasticsearch node may well run on 127.0.0.1:9200 here: it must not be used.
    const s = await start('no-es', { ELASTIC_ADDR: undefined });
    await ready(s);
    expect(s.out()).toContain('To add it: npm run es:start, then ELASTIC_ADDR=http://127.0.0.1:9200 npm start');
    expect(s.out()).toMatch(/collector: ready; Elasticsearch not used/);
    const post = await fetch(`${s.collectorUrl}/logs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ERROR payment gateway timeout\n' });
    expect(post.status).toBeLessThan(300);
    const anomalies = (await (await fetch(`${s.collectorUrl}/anomalies?limit=10`)).json()) as { source: string };
    expect(anomalies.source).toBe('local');
    const readyz = (await (await fetch(`${s.collectorUrl}/readyz`)).json()) as { checks: Record<string, string> };
    expect(readyz.checks.elasticsearch).toBe('disabled');
    const metrics = await (await fetch(`${s.collectorUrl}/metrics`)).text();
    expect(metrics).not.toMatch(/^collector_elastic_bulk_requests_total\{/m);
    const log = fs.readFileSync(path.join(home, 'no-es', '.log-sentinel', 'logs', 'collector.log'), 'utf8');
    expect(log).toContain('Elasticsearch is turned off');
    expect(log).not.toContain('"component":"elasticsearch"');
    // the detector's Prometheus endpoint is up too
    expect(await (await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`)).text()).toMatch(/^detector_learning_target_records 10000$/m);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.out()).toMatch(/collector stopped \(exit code 0\); detector stopped \(exit code 0\)/);
  }, 120_000);

  it('SIGHUP (terminal closed) stops both services and exits 0', async () => {
    const s = await start('sighup', { ELASTIC_ADDR: undefined });
    const pids = await ready(s);
    s.child.kill('SIGHUP');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    await allGone(pids, 5000);
  }, 120_000);

  it('SIGKILL of npm start takes both services down within a few seconds, and the ports are free again', async () => {
    const s = await start('sigkill', { ELASTIC_ADDR: undefined });
    const pids = await ready(s);
    s.child.kill('SIGKILL');
    expect((await s.exited).signal).toBe('SIGKILL');
    await allGone(pids, 8000);
    const log = fs.readFileSync(path.join(home, 'sigkill', '.log-sentinel', 'logs', 'collector.log'), 'utf8');
    expect(log).toMatch(/"reason":"supervisor gone \(IPC channel closed\)"/);
    const port = Number(new URL(s.collectorUrl).port);
    await new Promise<void>((resolve, reject) => {
      const srv = net.createServer().once('error', reject).listen(port, '127.0.0.1', () => srv.close(() => resolve()));
    });
  }, 120_000);

  it('a port already in use is a one-line error, exit 1, and nothing is started', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    try {
      const s = await start('taken', { COLLECTOR_PORT: String(taken), ELASTIC_ADDR: undefined });
      expect(await s.exited).toEqual({ code: 1, signal: null });
      expect(s.out()).toBe(
        `log-sentinel start: collector HTTP port ${taken} on 127.0.0.1 is already in use (a Log Sentinel still running, or another program); stop it, or pick another port: COLLECTOR_PORT=<port> npm start\n`,
      );
      expect(fs.existsSync(path.join(home, 'taken', '.log-sentinel'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  }, 60_000);

  it('a bad setting is a one-line error naming the variable, exit 2, and nothing is started', async () => {
    const s = await start('bad-port', { COLLECTOR_PORT: 'eighty', ELASTIC_ADDR: undefined });
    expect(await s.exited).toEqual({ code: 2, signal: null });
    expect(s.out()).toMatch(/^log-sentinel start: invalid configuration: .*COLLECTOR_PORT[^\n]*\n$/);
    expect(fs.existsSync(path.join(home, 'bad-port', '.log-sentinel'))).toBe(false);
  }, 60_000);
});
