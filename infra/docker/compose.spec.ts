// docker-compose.yml must run beside a local Elasticsearch or `npm start` (every published
// host port is a variable), and its health checks must follow the ports the services are
// configured with. No Docker engine runs here, so the file's text is checked, and the
// health-check script is run for real against loopback listeners.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const HEALTHCHECK = path.join(__dirname, 'healthcheck.js');

/** The lines of one top-level service block (`  name:` up to the next `  other:` or top-level key). */
function service(name: string): string {
  const m = new RegExp(`^  ${name}:\\n((?:(?:    .*|\\s*)\\n)+)`, 'm').exec(compose);
  if (!m) throw new Error(`no service ${name} in docker-compose.yml`);
  return m[1]!;
}

/** The items of a service's `ports:` list. */
function ports(block: string): string[] {
  const m = /^ {4}ports:\n((?: {6}- .*\n)+)/m.exec(block);
  return m ? m[1]!.trim().split('\n').map((l) => l.trim().replace(/^- /, '')) : [];
}

function runHealthcheck(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HEALTHCHECK, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 through a *_HOST_PORT variable with the usual default', () => {
    const expected: Record<string, string[]> = {
      elasticsearch: ['"127.0.0.1:${ELASTIC_HOST_PORT:-9200}:9200"'],
      detector: ['"127.0.0.1:${DETECTOR_HOST_PORT:-50051}:${DETECTOR_PORT:-50051}"', '"127.0.0.1:${DETECTOR_METRICS_HOST_PORT:-9464}:${DETECTOR_METRICS_PORT:-9464}"'],
      collector: ['"127.0.0.1:${COLLECTOR_HOST_PORT:-8080}:${COLLECTOR_PORT:-8080}"'],
      kibana: ['"127.0.0.1:${KIBANA_HOST_PORT:-5601}:5601"'],
    };
    for (const [name, list] of Object.entries(expected)) expect([name, ports(service(name))]).toEqual([name, list]);
    // no other published port anywhere in the file
    const all = [...compose.matchAll(/^ {6}- "(\d[^"]*:[^"]*)"$/gm)].map((m) => m[1]);
    expect(all.every((p) => /^127\.0\.0\.1:\$\{[A-Z_]+_HOST_PORT:-\d+\}:/.test(p!))).toBe(true);
    expect(all).toHaveLength(5);
  });

  it('configures the container ports with the same variables the services and the collector use', () => {
    expect(service('detector')).toMatch(/^ {6}DETECTOR_PORT: \$\{DETECTOR_PORT:-50051\}$/m);
    expect(service('detector')).toMatch(/^ {6}DETECTOR_METRICS_PORT: \$\{DETECTOR_METRICS_PORT:-9464\}$/m);
    expect(service('collector')).toMatch(/^ {6}COLLECTOR_PORT: \$\{COLLECTOR_PORT:-8080\}$/m);
    expect(service('collector')).toMatch(/^ {6}DETECTOR_ADDR: detector:\$\{DETECTOR_PORT:-50051\}$/m);
  });

  it('health-checks the detector and the collector with healthcheck.js and no fixed port', () => {
    expect(service('detector')).toContain('test: ["CMD", "node", "/app/infra/docker/healthcheck.js", "grpc"]');
    expect(service('collector')).toContain('test: ["CMD", "node", "/app/infra/docker/healthcheck.js", "http"]');
    const dockerfile = readFileSync(path.join(__dirname, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["node", "/app/infra/docker/healthcheck.js", "grpc"]');
    expect(dockerfile).toContain('CMD ["node", "/app/infra/docker/healthcheck.js", "http"]');
  });
});

describe('healthcheck.js', () => {
  it('grpc without an address checks 127.0.0.1:$DETECTOR_PORT', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const res = await runHealthcheck(['grpc'], { DETECTOR_PORT: String(closed) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`^unhealthy: 127\\.0\\.0\\.1:${closed}: `));
    expect(await runHealthcheck(['grpc'], { DETECTOR_PORT: 'abc' })).toEqual({ code: 1, stderr: 'unhealthy: DETECTOR_PORT="abc" is not a port\n' });
  });

  it('http without a URL asks /readyz on $COLLECTOR_PORT', async () => {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.url === '/readyz' ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      expect(await runHealthcheck(['http'], { COLLECTOR_PORT: String(port) })).toEqual({ code: 0, stderr: '' });
      expect(paths).toEqual(['/readyz']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
