/* eslint-disable @typescript-eslint/no-explicit-any -- API replies are walked loosely in assertions */
/**
 * The console's JSON API (docs/api.md "Console API") against the built collector, the real
 * detector serving a model it trained, and the real Elasticsearch; a second collector without
 * Elasticsearch, fed the same records, answers the same from its local store and index.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ES_URL, ROOT, dropPrefix, freePort, indexedDocs, postLogs, startCollector, startDetector, tmpDir, until, type CollectorProc, type Proc } from '../testing/harness';
import { copyTrainedModel, flowOf, trainedModelDir } from '../testing/trained-model';

jest.setTimeout(240_000);

let work: string;
const prefix = `it-console-${Date.now()}`;
const procs: Proc[] = [];
let es: CollectorProc;
let local: CollectorProc;
const KEY = 'console-key';
const auth = { authorization: `Bearer ${KEY}` };
const blk = 'blk_7900000000000077';
const odd = (n: number): string => `Kernel panic: fatal filesystem corruption on /dev/sda${n} at sector ${n * 97}`;

/** Event times a few minutes back, one second apart, the same for both collectors. */
const T0 = Math.floor(Date.now() / 1000) * 1000 - 300_000;
let tick = 0;

function rows(session: string, messages: string[]): string {
  return messages.map((m) => JSON.stringify({ timestamp: new Date(T0 + 1000 * tick++).toISOString(), level: 'INFO', source: 'hdfs', host: 'dn1', session_id: session, message: m })).join('\n') + '\n';
}

async function get(c: CollectorProc, p: string, headers: Record<string, string> = auth): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${c.url}${p}`, { headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or text
  }
  return { status: res.status, body, headers: res.headers };
}

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-b', 'apps/collector'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['apps/console/build.js'], { cwd: ROOT, stdio: 'inherit' });
  work = await tmpDir('console');
  await trainedModelDir(work);
  const start = async (tag: string, elastic: string): Promise<CollectorProc> => {
    const port = await freePort();
    procs.push(await startDetector(port, await copyTrainedModel(work, path.join(work, tag, 'models'))));
    const c = await startCollector({
      ELASTIC_FLUSH_INTERVAL_MS: '50',
      LOG_SENTINEL_DIR: 'off',
      SPOOL_DIR: path.join(work, tag, 'spool'),
      COLLECTOR_STATE_DIR: path.join(work, tag, 'state'),
      ELASTIC_ADDR: elastic,
      ELASTIC_INDEX: prefix,
      DETECTOR_ADDR: `127.0.0.1:${port}`,
      API_KEYS: KEY,
    });
    procs.push(c);
    return c;
  };
  [es, local] = await Promise.all([start('es', ES_URL), start('local', 'off')]);
  // The same records to both: one normal block life cycle, one with the same unknown message 3×.
  const normal = rows('blk_7900000000000076', flowOf('blk_7900000000000076'));
  const odds = rows(blk, [...flowOf(blk).slice(0, 4), odd(1), odd(2), odd(3)]);
  for (const c of [es, local]) {
    expect((await postLogs(c.url, normal, 'application/x-ndjson', auth)).status).toBe(200);
    expect((await postLogs(c.url, odds, 'application/x-ndjson', auth)).status).toBe(200);
  }
  await until(async () => (await indexedDocs(prefix)).length === 20, 30_000, '20 documents indexed');
  await until(async () => (await get(es, '/api/anomalies')).body.source === 'elasticsearch', 10_000, 'Elasticsearch answering the console');
}, 300_000);

afterAll(async () => {
  for (const p of procs) await p.kill9();
  await dropPrefix(prefix);
});

describe('console API (real detector, real Elasticsearch, and the local store)', () => {
  it('GET / serves the built console; /api needs a key (Bearer, or Basic with the key as password, which a browser is asked for)', async () => {
    const anon = await get(es, '/', {});
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm="Log Sentinel"/);
    const basic = { authorization: `Basic ${Buffer.from(`anyone:${KEY}`).toString('base64')}` };
    const page = await get(es, '/', basic);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<script src="app.js"><\/script>/);
    expect((await get(es, '/app.js', basic)).status).toBe(200);
    expect((await get(es, '/api/status', {})).status).toBe(401);
    expect((await get(es, '/api/status', { authorization: `Basic ${Buffer.from('x:wrong').toString('base64')}` })).status).toBe(401);
    expect((await get(es, '/api/status', basic)).status).toBe(200);
  });

  it('GET /api/anomalies groups flagged documents with count, first/last seen, services and the newest document — the same from Elasticsearch and the local store', async () => {
    const fromEs = (await get(es, '/api/anomalies?since=1h')).body;
    const fromLocal = (await get(local, '/api/anomalies?since=1h')).body;
    expect([fromEs.source, fromLocal.source]).toEqual(['elasticsearch', 'local']);
    const shape = (r: any): unknown[] => r.groups.map((g: any) => [g.group, g.kind, g.count, g.services, g.latest.message, g.latest.anomaly.explanation?.observed]);
    expect(shape(fromEs)).toEqual(shape(fromLocal));
    const g = fromEs.groups.find((x: any) => x.latest.message === odd(3));
    for (const c of [es, local]) {
      expect((await get(c, '/api/anomalies?since=1h&kind=record')).body.groups.map((x: any) => x.group)).toEqual(fromEs.groups.filter((x: any) => x.kind === 'record').map((x: any) => x.group));
      expect((await get(c, '/api/anomalies?since=1h&kind=session')).body.groups.every((x: any) => x.kind === 'session')).toBe(true);
    }
    expect(g).toMatchObject({ kind: 'record', count: expect.any(Number), services: ['hdfs'] });
    expect(Date.parse(g.first_seen)).toBeLessThanOrEqual(Date.parse(g.last_seen));
    expect(g.latest.anomaly.model_version).toBeTruthy();
    // each model's own view is stored with the flagged record
    expect(g.latest.anomaly.models).toMatchObject({ deeplog: { is_anomaly: expect.any(Boolean), rank: expect.any(Number) } });
    const docs = (await get(es, `/api/anomalies/documents?group=${encodeURIComponent(g.group)}`)).body;
    expect(docs.documents).toHaveLength(g.count);
    expect(docs.documents[0]['@timestamp'] >= docs.documents[docs.documents.length - 1]['@timestamp']).toBe(true);
    expect((await get(local, `/api/anomalies/documents?group=${encodeURIComponent(g.group)}`)).body.documents.map((d: any) => d.message)).toEqual(docs.documents.map((d: any) => d.message));
    // by template: one group per template of the flagged records, the same from both sources
    const byTemplate = (await get(es, '/api/anomalies?since=1h&by=template')).body.groups;
    expect(shape({ groups: byTemplate })).toEqual(shape((await get(local, '/api/anomalies?since=1h&by=template')).body));
    const t = byTemplate.find((x: any) => x.group === `template:${g.latest.template.id}`);
    expect(t.count).toBeGreaterThanOrEqual(g.count);
    const tDocs = (await get(es, `/api/anomalies/documents?group=${encodeURIComponent(t.group)}`)).body.documents;
    expect(tDocs).toHaveLength(t.count);
    expect(tDocs.every((d: any) => d.template.id === g.latest.template.id && d.anomaly.is_anomaly)).toBe(true);
  });

  it('GET /api/patterns counts every template per time bucket (Loki-like), flagged and new marked — the same from Elasticsearch and the local index', async () => {
    const end = Math.ceil(Date.now() / 10_000) * 10_000 + 60_000;
    const q = `/api/patterns?start=${new Date(end - 3_600_000).toISOString()}&end=${new Date(end).toISOString()}&step=10s`;
    const fromEs = (await get(es, q)).body;
    const fromLocal = (await get(local, q)).body;
    expect(fromEs).toMatchObject({ status: 'success', source: 'elasticsearch', range: { step_seconds: 10 } });
    expect(fromLocal.source).toBe('local');
    expect(fromEs.range).toEqual(fromLocal.range);
    expect(fromEs.data).toEqual(fromLocal.data);
    const total = fromEs.data.reduce((n: number, s: any) => n + s.total, 0);
    expect(total).toBe(20);
    for (const s of fromEs.data) {
      expect(s.samples).toHaveLength(360);
      expect(s.samples.reduce((n: number, [, c]: [number, number]) => n + c, 0)).toBe(s.total);
    }
    const kernel = fromEs.data.find((s: any) => /Kernel panic/.test(s.pattern));
    expect(kernel).toMatchObject({ total: 3, flagged: 3, new: true });
    // search: a case-insensitive part of the template text
    const found = (await get(es, '/api/patterns?since=1h&q=kernel%20PANIC')).body.data;
    expect(found.map((s: any) => s.template_id)).toEqual([kernel.template_id]);
    // examples with their parameters
    const ex = (await get(es, `/api/patterns/${encodeURIComponent(kernel.template_id)}/examples`)).body;
    expect(ex.examples.map((e: any) => e.message)).toEqual([odd(3), odd(2), odd(1)]);
    expect(ex.examples[0].params.length).toBeGreaterThan(0);
    expect(ex.examples[0].params.join(' ')).toMatch(/sda3|291/);
    expect((await get(local, `/api/patterns/${encodeURIComponent(kernel.template_id)}/examples`)).body.examples.map((e: any) => e.params)).toEqual(ex.examples.map((e: any) => e.params));
  });

  it('GET /api/sessions/:id is the session’s timeline, oldest first, the flagged steps marked; GET /api/sessions lists flagged sessions first', async () => {
    for (const c of [es, local]) {
      const s = (await get(c, `/api/sessions/${blk}`)).body;
      expect(s.steps.map((x: any) => x.message)).toEqual([...flowOf(blk).slice(0, 4), odd(1), odd(2), odd(3)]);
      expect(s.steps.filter((x: any) => x.is_anomaly).map((x: any) => x.message)).toContain(odd(1));
      const list = (await get(c, '/api/sessions?since=1h')).body.sessions;
      expect(list[0]).toMatchObject({ session_id: blk, records: 7 });
      expect(list[0].flagged_records).toBeGreaterThan(0);
      expect(list.map((x: any) => x.session_id)).toContain('blk_7900000000000076');
    }
  });

  it('GET /api/status shows the detector’s model, Elasticsearch, the spool and the counters /metrics has', async () => {
    const s = (await get(es, '/api/status')).body;
    expect(s.detectors).toHaveLength(1);
    expect(s.detectors[0].model).toMatchObject({ status: 'scored', version: expect.stringMatching(/\S/) });
    expect(s.elasticsearch).toBe('reachable');
    expect(s.totals).toMatchObject({ received: 20, spooled: 20, indexed: 20 });
    const metrics = await (await fetch(`${es.url}/metrics`, { headers: auth })).text();
    expect(metrics).toMatch(new RegExp(`^collector_records_flagged_total ${s.totals.flagged}$`, 'm'));
    expect(typeof s.rates.received_per_second).toBe('number');
    expect((await get(local, '/api/status')).body.elasticsearch).toBe('disabled');
  });

  it('GET /api/status shows a learning detector’s progress', async () => {
    const port = await freePort();
    procs.push(await startDetector(port, path.join(work, 'learning', 'models'), { DETECTOR_LEARNING_RECORDS: '500' }));
    const c = await startCollector({
      LOG_SENTINEL_DIR: 'off',
      SPOOL_DIR: path.join(work, 'learning', 'spool'),
      COLLECTOR_STATE_DIR: path.join(work, 'learning', 'state'),
      ELASTIC_ADDR: 'off',
      DETECTOR_ADDR: `127.0.0.1:${port}`,
      API_KEYS: KEY,
    });
    procs.push(c);
    expect((await postLogs(c.url, rows('blk_7900000000000078', flowOf('blk_7900000000000078')), 'application/x-ndjson', auth)).status).toBe(200);
    // the 200 means spooled; the scoring stage hands the records to the detector after it
    const learnt = flowOf('x').length;
    await until(async () => (await get(c, '/api/status')).body.detectors[0].model.learning_records >= learnt, 20_000, 'the scoring stage to feed the learning detector');
    const s = (await get(c, '/api/status')).body;
    expect(s.detectors[0].model).toMatchObject({ status: 'learning', version: '', learning_records: flowOf('x').length, learning_target: 500 });
    await c.stop();
  });

  it('answers bad input with 400 naming the parameter, and unknown things with 404', async () => {
    const bad = async (p: string): Promise<any> => {
      const r = await get(es, p);
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('BAD_QUERY');
      return r.body.message;
    };
    expect(await bad('/api/patterns?step=soon')).toMatch(/step must be a duration/);
    expect(await bad('/api/patterns?since=30d&step=10s')).toMatch(/at most 1000/);
    expect(await bad('/api/anomalies?limit=0')).toMatch(/limit must be an integer/);
    expect(await bad('/api/anomalies?kind=line')).toMatch(/kind must be "record" or "session"/);
    expect(await bad('/api/anomalies?by=service')).toMatch(/by must be "group" or "template"/);
    expect(await bad('/api/anomalies?since=yesterday')).toMatch(/since must be/);
    expect(await bad('/api/anomalies/documents')).toMatch(/group is required/);
    expect((await get(es, '/api/patterns/no-such-template/examples')).body).toMatchObject({ error: 'UNKNOWN_TEMPLATE' });
    expect((await get(es, '/api/sessions/no-such-session')).status).toBe(404);
    expect((await get(es, '/api/nothing-here')).body).toMatchObject({ error: 'NOT_FOUND' });
    const fb = await fetch(`${es.url}/api/feedback`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect([fb.status, ((await fb.json()) as any).error]).toEqual([400, 'BAD_FEEDBACK']);
  });
});
