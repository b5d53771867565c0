// Proves docs/elasticsearch.md "The local node": `es.sh start` runs a real Elasticsearch that
// answers with `x-elastic-product: Elasticsearch`, `start` reuses a running node, `stop`
// returns only once nothing listens, and data is kept across stop/start. Uses its own
// free port so the shared node (ELASTIC_ADDR) is never touched.
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, 'es.sh');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function freePort(): Promise<number> {
  for (let port = 19200 + Math.floor(Math.random() * 90); port < 19300; port++) {
    if (!(await listening(port)) && !(await listening(port + 100))) return port;
  }
  throw new Error('no free port pair in 19200..19399');
}

describe('infra/elastic/es.sh', () => {
  let port = 0;
  let env: NodeJS.ProcessEnv = {};
  const es = (command: string): Promise<{ stdout: string; stderr: string }> =>
    run('bash', [SCRIPT, command], { env, timeout: 240_000 });

  beforeAll(async () => {
    port = await freePort();
    env = { ...process.env, ELASTIC_ADDR: `http://127.0.0.1:${port}` };
  });

  afterAll(async () => {
    if (port === 0) return;
    await es('stop').catch(() => undefined);
    rmSync(path.join(__dirname, '.es', `node-${port}`), { recursive: true, force: true });
  });

  it('starts a real node, reuses it, stops it until nothing listens, and keeps its data', async () => {
    await es('start');
    const res = await fetch(`http://127.0.0.1:${port}/_cluster/health`);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(['yellow', 'green']).toContain(((await res.json()) as { status: string }).status);

    const again = await es('start');
    expect(again.stderr).toMatch(/reusing/);

    const created = await fetch(`http://127.0.0.1:${port}/kept-across-restart`, { method: 'PUT' });
    expect(created.status).toBe(200);

    await es('stop');
    expect(await listening(port)).toBe(false);
    expect(await listening(port + 100)).toBe(false);

    await es('start');
    const kept = await fetch(`http://127.0.0.1:${port}/kept-across-restart`, { method: 'HEAD' });
    expect(kept.status).toBe(200);
    await es('stop');
    expect(await listening(port)).toBe(false);
  }, 480_000);

  it('start returns to a caller in its own process group, and the node survives SIGHUP to that group', async () => {
    // what a terminal does when it closes: SIGHUP to the foreground process group
    const started = Date.now();
    const child = spawn('bash', [SCRIPT, 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code === 0 ? 'exit 0' : `exit ${code}: ${stderr}`).toBe('exit 0');
    expect(Date.now() - started).toBeLessThan(120_000);
    try {
      process.kill(-child.pid!, 'SIGHUP');
    } catch {
      // the group may be empty already: the node runs in a session of its own
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const res = await fetch(`http://127.0.0.1:${port}/_cluster/health`);
    expect(res.status).toBe(200);
    await es('stop');
    expect(await listening(port)).toBe(false);
  }, 480_000);

  it('refuses an address that is not loopback http', async () => {
    await expect(run('bash', [SCRIPT, 'status'], { env: { ...process.env, ELASTIC_ADDR: 'http://10.1.2.3:9200' } })).rejects.toMatchObject({
      stderr: expect.stringMatching(/loopback only/),
    });
    await expect(run('bash', [SCRIPT, 'start'], { env: { ...process.env, ELASTIC_ADDR: 'https://127.0.0.1:9200' } })).rejects.toMatchObject({
      stderr: expect.stringMatching(/must be an http:\/\/ URL/),
    });
  });
});
