// `npm start` on a fresh data dir with no Elasticsearch: both services come up, the
// collector answers POST /logs (text and JSON) and GET /anomalies, the console says what
// each service does, and SIGINT stops both cleanly (exit 0).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './demo-run';
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

describe('npm start (real detector + collector, no Elasticsearch)', () => {
  let home: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    for (const entry of [START, DETECTOR_ENTRY, COLLECTOR_ENTRY]) {
      if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    }
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-start-'));
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('serves POST /logs and GET /anomalies within a minute and stops cleanly on SIGINT', async () => {
    const [collectorPort, detectorPort] = [await freePort(), await freePort()];
    let out = '';
    child = spawn(process.execPath, [START], {
      cwd: home,
      env: { ...process.env, COLLECTOR_PORT: String(collectorPort), DETECTOR_PORT: String(detectorPort), ELASTIC_ADDR: 'http://127.0.0.1:9', STACK_STATUS_INTERVAL_MS: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const started = Date.now();
    await waitFor(() => out, /collector: ready/, 60_000);
    await waitFor(() => out, /detector: learning/, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(out).toContain(`collector: HTTP http://127.0.0.1:${collectorPort}`);
    expect(out).toContain(`detector:  gRPC 127.0.0.1:${detectorPort}`);
    expect(out).toMatch(/detector: learning [\d,]+\/10,000 records/);
    expect(out).toMatch(/Elasticsearch NOT reachable/);
    expect(fs.existsSync(path.join(home, '.log-sentinel', 'logs', 'detector.log'))).toBe(true);

    const base = `http://127.0.0.1:${collectorPort}`;
    const text = await fetch(`${base}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '2026-06-01T12:00:00Z INFO web GET /cart status=200 latency=41ms\n2026-06-01T12:00:01Z ERROR web GET /cart status=503 latency=3012ms\n',
    });
    expect(text.status).toBeLessThan(300);
    const json = await fetch(`${base}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ timestamp: '2026-06-01T12:00:02Z', level: 'INFO', message: 'User u1 login attempt', source: 'auth' }]),
    });
    expect(json.status).toBeLessThan(300);
    const anomalies = await fetch(`${base}/anomalies?since=2026-01-01T00:00:00Z&limit=10`);
    expect(anomalies.status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGINT: stopping the collector/);
    expect(out).toMatch(/collector stopped \(exit code 0\); detector stopped \(exit code 0\)/);
  }, 120_000);
});
