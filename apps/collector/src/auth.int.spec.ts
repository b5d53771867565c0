/**
 * Issue 17 regression tests about credentials, against the built collector and detector
 * processes on loopback: defect 11 (exposure: with API_KEYS set every endpoint but /healthz
 * and /readyz needs the key) and defect 5 (the collector sends DETECTOR_API_KEY to a detector
 * that requires keys). See docs/collector.md "API keys" and docs/detector.md "Credentials".
 */
import * as path from 'node:path';
import { type CollectorProc, type Proc, ROOT, freePort, metric, ndjson, postLogs, startCollector, startDetector, startIsolatedCollector, tmpDir, until } from './testing/harness';

jest.setTimeout(60_000);

const procs: Array<CollectorProc | Proc> = [];
afterAll(async () => {
  for (const p of procs) await p.stop();
});

const KEY = 'collector-key-1';

describe('collector credentials (issue 17)', () => {
  it('defect 11 (exposure): with API_KEYS set, GET /metrics, GET /anomalies, POST /logs, POST /feedback and the console MUST answer 401 without the key; /healthz and /readyz stay open', async () => {
    const c = await startIsolatedCollector('auth-exposure', { API_KEYS: `other,${KEY}` });
    procs.push(c);
    const open = ['/healthz', '/readyz'];
    for (const p of open) expect([p, (await fetch(`${c.url}${p}`)).status]).toEqual([p, 200]);
    const guarded: Array<[string, string]> = [
      ['GET', '/metrics'],
      ['GET', '/anomalies'],
      ['GET', '/'],
      ['GET', '/api/status'],
      ['POST', '/logs'],
      ['POST', '/feedback'],
    ];
    for (const [method, p] of guarded) {
      const init = method === 'POST' ? { method, body: '{"message":"x"}' } : { method };
      const none = await fetch(`${c.url}${p}`, init);
      expect([method, p, none.status]).toEqual([method, p, 401]);
      const text = await none.text();
      expect(text).not.toMatch(/collector_records_spooled_total/);
      const wrong = await fetch(`${c.url}${p}`, { ...init, headers: { authorization: 'Bearer nope' } });
      expect([method, p, wrong.status]).toEqual([method, p, 401]);
    }
    const auth = { authorization: `Bearer ${KEY}` };
    const m = await fetch(`${c.url}/metrics`, { headers: auth });
    expect(m.status).toBe(200);
    expect(await m.text()).toMatch(/^# TYPE collector_records_spooled_total counter$/m);
    expect((await fetch(`${c.url}/anomalies`, { headers: auth })).status).toBe(200);
    expect((await postLogs(c.url, ndjson('auth', 0, 3), 'application/x-ndjson', auth)).status).toBe(200);
    expect(await metric(c.url, 'collector_records_spooled_total', auth)).toBe(3);
  });

  it('defect 5 (unauthenticated control): a collector with DETECTOR_API_KEY gets its records scored by a detector that requires keys; one without the key stores them pending', async () => {
    const dir = await tmpDir('auth-detector');
    const port = await freePort();
    const d = await startDetector(port, path.join(dir, 'models'), { DETECTOR_API_KEYS: 'detect-key', DETECTOR_ADMIN_KEYS: 'admin-key' });
    procs.push(d);
    const base = { LOG_SENTINEL_DIR: 'off', ELASTIC_ADDR: 'off', DETECTOR_ADDR: `127.0.0.1:${port}`, DETECTOR_SESSION_POLL_MS: '0', DETECTOR_HOLD_MS: '0' };
    const withKey = await startCollector({ ...base, SPOOL_DIR: path.join(dir, 'a-spool'), COLLECTOR_STATE_DIR: path.join(dir, 'a-state'), DETECTOR_API_KEY: 'detect-key' });
    const without = await startCollector({ ...base, SPOOL_DIR: path.join(dir, 'b-spool'), COLLECTOR_STATE_DIR: path.join(dir, 'b-state') });
    procs.push(withKey, without);
    expect((await postLogs(withKey.url, ndjson('keyed', 0, 20))).status).toBe(200);
    expect((await postLogs(without.url, ndjson('unkeyed', 0, 20))).status).toBe(200);
    await until(async () => (await metric(without.url, 'collector_records_pending_total')) >= 20, 20_000, 'unkeyed records pending');
    await until(async () => (await metric(withKey.url, 'collector_records_spooled_total')) >= 20, 20_000, 'keyed records spooled');
    expect(await metric(withKey.url, 'collector_records_pending_total')).toBe(0);
    expect(without.output()).toMatch(/UNAUTHENTICATED|missing key/);
  });

  it('defect 5 (unauthenticated control): over mTLS with DETECTOR_CLIENT_TLS_* and a key, records are scored; a bad TLS file stops the collector naming the variable', async () => {
    const tls = path.join(ROOT, 'testdata', 'tls');
    const dir = await tmpDir('auth-tls');
    const port = await freePort();
    const d = await startDetector(port, path.join(dir, 'models'), {
      DETECTOR_API_KEYS: 'detect-key',
      DETECTOR_TLS_CERT: path.join(tls, 'server.pem'),
      DETECTOR_TLS_KEY: path.join(tls, 'server.key'),
      DETECTOR_TLS_CA: path.join(tls, 'ca.pem'),
    });
    procs.push(d);
    const c = await startCollector({
      LOG_SENTINEL_DIR: 'off',
      ELASTIC_ADDR: 'off',
      DETECTOR_ADDR: `127.0.0.1:${port}`,
      DETECTOR_SESSION_POLL_MS: '0',
      SPOOL_DIR: path.join(dir, 'spool'),
      COLLECTOR_STATE_DIR: path.join(dir, 'state'),
      DETECTOR_API_KEY: 'detect-key',
      DETECTOR_CLIENT_TLS_CA: path.join(tls, 'ca.pem'),
      DETECTOR_CLIENT_TLS_CERT: path.join(tls, 'client.pem'),
      DETECTOR_CLIENT_TLS_KEY: path.join(tls, 'client.key'),
    });
    procs.push(c);
    expect((await postLogs(c.url, ndjson('tls', 0, 20))).status).toBe(200);
    await until(async () => (await metric(c.url, 'collector_records_spooled_total')) >= 20, 20_000, 'records spooled');
    expect(await metric(c.url, 'collector_records_pending_total')).toBe(0);
    await expect(
      startCollector({ LOG_SENTINEL_DIR: 'off', ELASTIC_ADDR: 'off', DETECTOR_ADDR: `127.0.0.1:${port}`, SPOOL_DIR: path.join(dir, 'spool2'), COLLECTOR_STATE_DIR: path.join(dir, 'state2'), DETECTOR_CLIENT_TLS_CA: path.join(tls, 'nope.pem') }),
    ).rejects.toThrow(/DETECTOR_CLIENT_TLS_CA: cannot use/);
  });
});
