/**
 * Issue 17 (credentials, TLS part): the real collector process serving HTTPS on COLLECTOR_PORT
 * and ES_COMPAT_PORT (COLLECTOR_TLS_CERT/_KEY), and requiring client certificates with
 * COLLECTOR_TLS_CA (mTLS), called by Node's own HTTPS client on loopback with the repository's
 * throwaway test certificates (testdata/tls). See docs/collector.md "TLS".
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { spawnWatched, waitForLogLine } from '@log-sentinel/loopback-process';
import { COLLECTOR_MAIN, type Proc, ROOT, freePort, ndjson, tmpDir } from './testing/harness';

jest.setTimeout(60_000);

const TLS = path.join(ROOT, 'testdata', 'tls');
const pem = (name: string): Buffer => fs.readFileSync(path.join(TLS, name));
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs) await p.stop();
});

/** One HTTPS request trusting the test CA (plus a client certificate when `client`); resolves with status, headers and body, or rejects with the TLS/socket error. */
function request(url: string, init: { method?: string; body?: string; headers?: Record<string, string>; client?: boolean } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, ca: pem('ca.pem'), ...(init.client ? { cert: pem('client.pem'), key: pem('client.key') } : {}), agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timed out')));
    req.end(init.body);
  });
}

/** Starts the built collector with `env` (file input, detector and Elasticsearch off); resolves once it listens, with its ports. */
async function startTlsCollector(tag: string, env: Record<string, string>): Promise<{ proc: Proc; port: number; esPort: number; listening: Record<string, unknown> }> {
  const dir = await tmpDir(tag);
  const [port, esPort] = [await freePort(), await freePort()];
  const proc = spawnWatched(process.execPath, [COLLECTOR_MAIN], {
    ...process.env,
    COLLECTOR_PORT: String(port),
    COLLECTOR_HOST: '127.0.0.1',
    ES_COMPAT_PORT: String(esPort),
    LOG_LEVEL: 'info',
    SPOOL_DIR: path.join(dir, 'spool'),
    COLLECTOR_STATE_DIR: path.join(dir, 'state'),
    LOG_SENTINEL_DIR: 'off',
    DETECTOR_ADDR: 'off',
    ELASTIC_ADDR: 'off',
    ...env,
  });
  procs.push(proc);
  const listening = await waitForLogLine(proc, 'collector listening', 20_000);
  return { proc, port, esPort, listening };
}

const SERVER = { COLLECTOR_TLS_CERT: path.join(TLS, 'server.pem'), COLLECTOR_TLS_KEY: path.join(TLS, 'server.key') };

describe('collector over TLS (issue 17)', () => {
  it('with COLLECTOR_TLS_CERT/_KEY: POST /logs and the ES-compatible port answer over HTTPS to a client trusting the CA; plain HTTP gets no answer', async () => {
    const c = await startTlsCollector('tls-https', SERVER);
    expect(c.listening).toMatchObject({ tls: 'https' });
    const base = `https://127.0.0.1:${c.port}`;
    const posted = await request(`${base}/logs`, { method: 'POST', body: ndjson('tls', 0, 5), headers: { 'content-type': 'application/x-ndjson' } });
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.body)).toMatchObject({ accepted: 5 });
    const metrics = await request(`${base}/metrics`);
    expect(metrics.body).toMatch(/^collector_records_spooled_total 5$/m);
    const probe = await request(`https://127.0.0.1:${c.esPort}/`);
    expect(probe.status).toBe(200);
    expect(probe.headers['x-elastic-product']).toBe('Elasticsearch');
    // a plaintext client reaches no endpoint: the TLS handshake fails and the connection closes
    await expect(fetch(`http://127.0.0.1:${c.port}/healthz`)).rejects.toThrow();
    // a client that does not trust the CA is refused by its own TLS check
    await expect(fetch(`https://127.0.0.1:${c.port}/healthz`)).rejects.toThrow();
  });

  it('with COLLECTOR_TLS_CA too (mTLS): a client without a certificate is refused; one with a certificate of that CA is served', async () => {
    const c = await startTlsCollector('tls-mtls', { ...SERVER, COLLECTOR_TLS_CA: path.join(TLS, 'ca.pem') });
    expect(c.listening).toMatchObject({ tls: 'mtls' });
    const base = `https://127.0.0.1:${c.port}`;
    await expect(request(`${base}/healthz`)).rejects.toThrow();
    expect((await request(`${base}/healthz`, { client: true })).status).toBe(200);
    const posted = await request(`${base}/logs`, { method: 'POST', body: ndjson('mtls', 0, 3), headers: { 'content-type': 'application/x-ndjson' }, client: true });
    expect(posted.status).toBe(200);
  });

  it('refuses to start when COLLECTOR_TLS_CERT comes without COLLECTOR_TLS_KEY, naming both', async () => {
    const proc = spawnWatched(process.execPath, [COLLECTOR_MAIN], { ...process.env, COLLECTOR_PORT: '0', COLLECTOR_TLS_CERT: SERVER.COLLECTOR_TLS_CERT, LOG_SENTINEL_DIR: 'off', DETECTOR_ADDR: 'off', ELASTIC_ADDR: 'off' });
    procs.push(proc);
    const code = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.output()).toMatch(/COLLECTOR_TLS_CERT and COLLECTOR_TLS_KEY go together/);
  });
});
