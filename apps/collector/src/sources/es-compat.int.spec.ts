/**
 * The Elasticsearch-compatible API through the built collector, driven by real Elasticsearch
 * clients (@elastic/elasticsearch `helpers.bulk`, pino-elasticsearch, winston-elasticsearch)
 * and checked in the real Elasticsearch: every record exactly once, with its fields
 * (docs/api.md, "Elasticsearch `_bulk`").
 */
import { Client } from '@elastic/elasticsearch';
import pino from 'pino';
import pinoElastic from 'pino-elasticsearch';
import winston from 'winston';
import { ElasticsearchTransport } from 'winston-elasticsearch';
import { gzipSync } from 'node:zlib';
import * as path from 'node:path';
import { freePort, send, startDetector, tmpDir, type CollectorProc, type Proc } from '../testing/harness';
import { byMessage, cleanup, field, shipperCollectorForSuite, shipperCollector, waitForHits } from '../testing/shipper-clients';

jest.setTimeout(120_000);

let esPort: number;
beforeAll(async () => {
  esPort = await freePort();
});
const suite = shipperCollectorForSuite('esbulk', () => ({ ES_COMPAT_PORT: String(esPort), MAX_RECORDS_PER_REQUEST: '500', MAX_BODY_BYTES: String(256 * 1024) }));

const N = 200;

function bulk(path: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; text: string }> {
  return send(`${suite.c.url}${path}`, { method, headers: { 'content-type': 'application/x-ndjson', ...headers }, body });
}

describe('Elasticsearch _bulk compatibility', () => {
  it('@elastic/elasticsearch helpers.bulk (PUT /_bulk, index and create with _id) stores each record once; a re-send of the same _ids duplicates nothing', async () => {
    const client = new Client({ node: `${suite.c.url}/es` });
    const docs = Array.from({ length: N }, (_, i) => ({ '@timestamp': new Date().toISOString(), message: `helpers record ${i}`, log: { level: i % 10 === 0 ? 'ERROR' : 'INFO' }, service: { name: 'orders' }, host: { name: 'web-1' }, session: { id: `s-${i % 7}` } }));
    const send = () =>
      client.helpers.bulk({
        datasource: docs,
        onDocument: (d) => {
          const i = Number(String(d.message).split(' ').pop());
          return i % 2 === 0 ? { index: { _index: 'orders-app', _id: `helpers-${i}` } } : [{ create: { _index: 'orders-app', _id: `helpers-${i}` } }, d];
        },
        flushBytes: 8000,
        concurrency: 2,
      });
    const stats = await send();
    expect(stats).toMatchObject({ total: N, successful: N, failed: 0 });
    const again = await send();
    expect(again).toMatchObject({ total: N, successful: N, failed: 0 });
    const all = (await waitForHits(suite.prefix, N)).filter((h) => String(h.source.message).startsWith('helpers record'));
    expect(all).toHaveLength(N);
    const ids = new Set(all.map((h) => h.id));
    expect(ids.size).toBe(N);
    for (let i = 0; i < N; i++) expect(ids.has(`helpers-${i}`)).toBe(true);
    const one = all.find((h) => h.id === 'helpers-10')!.source;
    expect(one).toMatchObject({ message: 'helpers record 10', log: { level: 'ERROR' }, service: { name: 'orders' }, host: { name: 'web-1' }, session: { id: 's-3' }, event: { id: 'helpers-10' } });
    expect(field(one, 'labels')).toMatchObject({ index: 'orders-app', 'data_stream.dataset': 'orders-app' });
    await client.close();
  });

  it('pino-elasticsearch stores each pino record once with msg, numeric level and hostname mapped', async () => {
    const stream = pinoElastic({ node: `${suite.c.url}/es`, index: 'pino-app', esVersion: 8, flushBytes: 2000, flushInterval: 200 });
    const inserted = new Promise<void>((resolve) => {
      let total = 0;
      stream.on('insert', (stats: { successful: number }) => {
        total += stats.successful;
        if (total >= N) resolve();
      });
    });
    const logger = pino({ base: { hostname: 'pino-host', service: 'checkout' } }, stream);
    for (let i = 0; i < N; i++) logger[i % 4 === 0 ? 'warn' : 'info']({ session_id: `p-${i % 5}`, order: i }, `pino record ${i}`);
    stream.end();
    await inserted;
    const all = (await waitForHits(suite.prefix, N)).filter((h) => String(h.source.message).startsWith('pino record'));
    const m = byMessage(all);
    expect(m.size).toBe(N);
    for (const docs of m.values()) expect(docs).toHaveLength(1);
    const d = m.get('pino record 4')![0].source;
    expect(d).toMatchObject({ log: { level: 'warn' }, host: { name: 'pino-host' }, service: { name: 'checkout' }, session: { id: 'p-4' } });
    expect(field(d, 'labels')).toMatchObject({ order: '4', index: 'pino-app' });
  });

  it('winston-elasticsearch stores each record once with severity as log.level and fields as labels', async () => {
    const transport = new ElasticsearchTransport({ level: 'info', index: 'winston-app', clientOpts: { node: `${suite.c.url}/es` }, flushInterval: 200, ensureIndexTemplate: true, buffering: true });
    const logger = winston.createLogger({ transports: [transport] });
    for (let i = 0; i < N; i++) logger.log(i % 3 === 0 ? 'error' : 'info', `winston record ${i}`, { user: `u${i}` });
    await transport.flush();
    const all = (await waitForHits(suite.prefix, N)).filter((h) => String(h.source.message).startsWith('winston record'));
    const m = byMessage(all);
    expect(m.size).toBe(N);
    for (const docs of m.values()) expect(docs).toHaveLength(1);
    const d = m.get('winston record 3')![0].source;
    expect(d).toMatchObject({ log: { level: 'error' } });
    expect(field(d, 'labels')).toMatchObject({ user: 'u3', index: 'winston-app' });
    logger.close();
  });

  it('the dedicated ES_COMPAT_PORT serves the same API at its root', async () => {
    const client = new Client({ node: `http://127.0.0.1:${esPort}` });
    const info = await client.info();
    expect(info.version.number).toMatch(/^8\./);
    const stats = await client.helpers.bulk({ datasource: Array.from({ length: 20 }, (_, i) => ({ message: `root port record ${i}` })), onDocument: () => ({ index: { _index: 'rootport' } }) });
    expect(stats).toMatchObject({ total: 20, successful: 20 });
    const all = (await waitForHits(suite.prefix, 3 * N + 20)).filter((h) => String(h.source.message).startsWith('root port record'));
    expect(byMessage(all).size).toBe(20);
    expect(all).toHaveLength(20);
    await client.close();
  });

  it('answers the start-up probes: GET / (8.x, X-Elastic-Product), HEAD /, _license, _cluster/health, _index_template, _refresh, _nodes', async () => {
    const root = await fetch(`${suite.c.url}/es/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(((await root.json()) as { version: { number: string } }).version.number).toMatch(/^8\.\d+\.\d+$/);
    expect((await fetch(`${suite.c.url}/es/`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${suite.c.url}/es/_license`)).json()).toMatchObject({ license: { status: 'active' } });
    expect(await (await fetch(`${suite.c.url}/es/_cluster/health?wait_for_status=yellow`)).json()).toMatchObject({ status: 'green' });
    expect((await fetch(`${suite.c.url}/es/_index_template/filebeat-7.17.29`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${suite.c.url}/es/_index_template/x`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } })).json()).toEqual({ acknowledged: true });
    expect(await (await fetch(`${suite.c.url}/es/some-index/_refresh`, { method: 'POST' })).json()).toMatchObject({ _shards: { failed: 0 } });
    expect(await (await fetch(`${suite.c.url}/es/_nodes/http`)).json()).toMatchObject({ _nodes: { total: 1 } });
  });

  it('takes gzip bodies, blank lines, legacy _type and extra action keys; errors is true only for rejected items, each with its status', async () => {
    const body = [
      '{"index":{"_index":"legacy","_type":"_doc","pipeline":"x","require_alias":false}}',
      '{"message":"gzip legacy record","PRIORITY":"warning","HOST":"ng-host","ISODATE":"2026-12-01T10:00:00+00:00"}',
      '',
      '{"create":{"_index":"legacy"}}',
      '{"msg":"python record","levelname":"ERROR","name":"app.db"}',
      '',
    ].join('\n');
    const ok = await bulk('/es/_bulk', gzipSync(body), { 'content-encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBe(false);
    expect(ok.body.items).toEqual([{ index: expect.objectContaining({ status: 201, result: 'created' }) }, { create: expect.objectContaining({ status: 201 }) }]);
    const mixed = await bulk('/es/mixed/_bulk', '{"index":{}}\n{"message":"fine record"}\n{"index":{}}\n{"no_message":true}\n{"delete":{"_id":"1"}}\n{"update":{"_id":"1"}}\n{"doc":{}}\n');
    expect(mixed.status).toBe(200);
    expect(mixed.body.errors).toBe(true);
    const items = mixed.body.items as Array<Record<string, { status: number; error?: { type: string; reason: string } }>>;
    expect(items.map((i) => Object.values(i)[0].status)).toEqual([201, 400, 400, 400]);
    expect(items[1].index.error).toMatchObject({ type: 'document_parsing_exception', reason: expect.stringMatching(/message/) });
    const all = await waitForHits(suite.prefix, 3 * N + 20 + 3); // helpers, pino, winston, root port, then these three
    const m = byMessage(all);
    expect(m.get('gzip legacy record')![0].source).toMatchObject({ log: { level: 'warning' }, host: { name: 'ng-host' }, '@timestamp': '2026-12-01T10:00:00.000Z' });
    expect(m.get('python record')![0].source).toMatchObject({ log: { level: 'ERROR' } });
    expect(m.get('fine record')).toHaveLength(1);
  });

  it('bad input gets an Elasticsearch-shaped 4xx, never a 5xx or HTML: malformed action, too many operations, too large a body, unknown path', async () => {
    const malformed = await bulk('/es/_bulk', 'not json\n{"message":"x"}\n');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception', reason: expect.stringMatching(/line \[1\]/) } });
    const many = await bulk('/es/x/_bulk', '{"index":{}}\n{"message":"m"}\n'.repeat(501));
    expect(many.status).toBe(413);
    expect(many.body).toMatchObject({ status: 413, error: { type: 'content_too_long_exception' } });
    const large = await bulk('/es/x/_bulk', `{"index":{}}\n{"message":"${'x'.repeat(300 * 1024)}"}\n`);
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ status: 413 });
    const empty = await bulk('/es/_bulk', '\n\n');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { type: 'action_request_validation_exception' } });
    const unknown = await bulk('/es/logs/_search', '{}', { 'content-type': 'application/json' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/json/);
    expect(unknown.body).toMatchObject({ status: 404, error: { type: 'resource_not_found_exception' } });
    const badGzip = await bulk('/es/_bulk', Buffer.from('not gzip'), { 'content-encoding': 'gzip' });
    expect(badGzip.status).toBe(400);
    expect(badGzip.body).toMatchObject({ status: 400, error: { type: expect.any(String) } });
  });
});

describe('Elasticsearch _bulk with API_KEYS', () => {
  const keyed = shipperCollectorForSuite('eskeys', () => ({ API_KEYS: 'sekret' }));
  it('refuses a request without a key with an Elasticsearch-shaped 401, and takes the key as Bearer, Basic password or ApiKey', async () => {
    const none = await fetch(`${keyed.c.url}/es/_bulk`, { method: 'POST', body: '{"index":{"_index":"a"}}\n{"message":"x"}\n' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 401, error: { type: 'security_exception' } });
    const basic = new Client({ node: `${keyed.c.url}/es`, auth: { username: 'elastic', password: 'sekret' } });
    const apiKey = new Client({ node: `${keyed.c.url}/es`, auth: { apiKey: Buffer.from('id:sekret').toString('base64') } });
    for (const [i, client] of [basic, apiKey].entries()) {
      const r = await client.bulk({ operations: [{ index: { _index: 'keyed' } }, { message: `keyed record ${i}` }] });
      expect(r.errors).toBe(false);
      await client.close();
    }
    const all = await waitForHits(keyed.prefix, 2);
    expect(byMessage(all).size).toBe(2);
  });
});

describe('shipper records take the POST /logs intake', () => {
  let d: Proc | undefined;
  let s: CollectorProc | undefined;
  let sPrefix: string | undefined;
  afterAll(async () => {
    await s?.stop();
    await d?.stop();
    if (sPrefix) await cleanup(sPrefix);
  });
  it('records of _bulk, OTLP and Loki are scored by the real detector before they are stored (status learning, not pending)', async () => {
    const port = await freePort();
    d = await startDetector(port, path.join(await tmpDir('shipdet'), 'models'));
    ({ c: s, prefix: sPrefix } = await shipperCollector('shipscore', { DETECTOR_ADDR: `127.0.0.1:${port}` }));
    const ns = (BigInt(Date.now()) * 1_000_000n).toString();
    expect((await fetch(`${s.url}/es/a/_bulk`, { method: 'POST', body: '{"index":{}}\n{"message":"scored via bulk"}\n' })).status).toBe(200);
    expect((await fetch(`${s.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'scored via otlp' } }] }] }] }) })).status).toBe(200);
    expect((await fetch(`${s.url}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [[ns, 'scored via loki']] }] }) })).status).toBe(204);
    const docs = await waitForHits(sPrefix, 3);
    expect(docs).toHaveLength(3);
    for (const h of docs) expect(h.source).toMatchObject({ anomaly: { status: 'learning' }, event: { id: h.id } });
  });
});
