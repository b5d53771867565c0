/**
 * Loki push through the built collector, sent by winston-loki (protobuf in a raw snappy block,
 * and JSON) and pino-loki (JSON lines), checked in the real Elasticsearch; plus JSON triples
 * with structured metadata and bad input (docs/api.md, "Loki push").
 */
import * as path from 'node:path';
import { pinoLoki } from 'pino-loki';
import pino from 'pino';
import snappy from 'snappyjs';
import winston from 'winston';
import LokiTransport from 'winston-loki';
import { PROTO_ROOT } from '@log-sentinel/proto';
import * as protobuf from 'protobufjs';
import { byMessage, field, shipperCollectorForSuite, waitForHits } from '../testing/shipper-clients';

jest.setTimeout(120_000);

const suite = shipperCollectorForSuite('loki', () => ({ MAX_RECORDS_PER_REQUEST: '500', MAX_BODY_BYTES: String(512 * 1024) }));

const N = 200;
let expected = 0;

async function winstonLoki(json: boolean, tag: string): Promise<void> {
  const errors: unknown[] = [];
  // A format makes the line the message alone (without it winston-loki appends the meta as JSON).
  const transport = new LokiTransport({ host: suite.c.url, json, format: winston.format.printf((info) => String(info.message)), labels: { app: `winston-${tag}`, host: 'loki-host' }, batching: true, interval: 0.2, onConnectionError: (e) => errors.push(e) });
  // winston-loki falls back to JSON when the snappy binding is missing: make sure it did not.
  expect((transport as unknown as { batcher: { contentType: string } }).batcher.contentType).toBe(json ? 'application/json' : 'application/x-protobuf');
  const logger = winston.createLogger({ transports: [transport] });
  for (let i = 0; i < N; i++) logger.log({ level: i % 4 === 0 ? 'error' : 'info', message: `${tag} record ${i}`, labels: { session_id: `ws-${i % 3}` } });
  await transport.flush();
  await transport.close();
  expect(errors).toEqual([]);
}

function checkWinston(docs: Awaited<ReturnType<typeof waitForHits>>, tag: string): void {
  const m = byMessage(docs.filter((h) => String(h.source.message).startsWith(`${tag} record `)));
  expect(m.size).toBe(N);
  for (const d of m.values()) expect(d).toHaveLength(1);
  expect(m.get(`${tag} record 4`)![0].source).toMatchObject({ service: { name: `winston-${tag}` }, host: { name: 'loki-host' }, log: { level: 'error' }, session: { id: 'ws-1' } });
  expect(m.get(`${tag} record 5`)![0].source).toMatchObject({ log: { level: 'info' }, session: { id: 'ws-2' } });
}

describe('Loki push receiver', () => {
  it('winston-loki with protobuf (raw snappy block) stores each record once with stream labels mapped', async () => {
    await winstonLoki(false, 'wproto');
    expected += N;
    checkWinston(await waitForHits(suite.prefix, expected), 'wproto');
  });

  it('winston-loki with JSON stores each record once with stream labels mapped', async () => {
    await winstonLoki(true, 'wjson');
    expected += N;
    checkWinston(await waitForHits(suite.prefix, expected), 'wjson');
  });

  it('pino-loki stores each pino record once: the JSON line read as the record, stream labels added', async () => {
    const transport = pinoLoki({ host: suite.c.url, batching: { interval: 0.2 }, labels: { application: 'pino-svc' }, silenceErrors: false });
    const logger = pino({ base: { hostname: 'pino-loki-host' } }, transport);
    for (let i = 0; i < N; i++) logger[i % 5 === 0 ? 'warn' : 'info']({ session_id: `pl-${i % 2}`, n: i }, `pino loki record ${i}`);
    expected += N;
    const all = await waitForHits(suite.prefix, expected);
    transport.end();
    const m = byMessage(all.filter((h) => String(h.source.message).startsWith('pino loki record ')));
    expect(m.size).toBe(N);
    for (const d of m.values()) expect(d).toHaveLength(1);
    const d = m.get('pino loki record 5')![0].source;
    expect(d).toMatchObject({ service: { name: 'pino-svc' }, host: { name: 'pino-loki-host' }, log: { level: 'warn' }, session: { id: 'pl-1' } });
    expect(field(d, 'labels')).toMatchObject({ n: '5' });
  });

  it('takes JSON values as pairs and as triples with structured metadata, gzip, and replies 204', async () => {
    const ns = (BigInt(Date.now()) * 1_000_000n).toString();
    const body = { streams: [{ stream: { service_name: 'triples', level: 'debug', team: 'core' }, values: [[ns, 'pair line'], [ns, 'triple line', { trace_id: 'abc123', session_id: 'meta-session' }]] }] };
    const { gzipSync } = await import('node:zlib');
    const res = await fetch(`${suite.c.url}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(body)) });
    expect(res.status).toBe(204);
    expected += 2;
    const m = byMessage(await waitForHits(suite.prefix, expected));
    expect(m.get('pair line')![0].source).toMatchObject({ service: { name: 'triples' }, log: { level: 'debug' } });
    const triple = m.get('triple line')![0].source;
    expect(triple).toMatchObject({ session: { id: 'meta-session' } });
    expect(field(triple, 'labels')).toMatchObject({ trace_id: 'abc123', team: 'core' });
    expect(new Date(String(triple['@timestamp'])).getTime()).toBe(Number(BigInt(ns) / 1_000_000n));
  });

  it('bad input gets a plain-text 4xx like Loki, never a 5xx or HTML: bad JSON, bad values, bad snappy, bad labels, too many entries', async () => {
    const post = async (body: string | Uint8Array, type: string) => {
      const r = await fetch(`${suite.c.url}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': type }, body });
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };
    const badJson = await post('{nope', 'application/json');
    expect(badJson).toMatchObject({ status: 400, type: expect.stringMatching(/text\/plain/), text: expect.stringMatching(/error parsing push request/) });
    expect((await post('{"streams":[{"stream":{},"values":[[1]]}]}', 'application/json')).text).toMatch(/values\[0\]/);
    expect((await post(Buffer.from('garbage that is not snappy'), 'application/x-protobuf')).status).toBe(400);
    const T = new protobuf.Root().loadSync(path.join(PROTO_ROOT, 'loki', 'push.proto'), { keepCase: true }).lookupType('logproto.PushRequest');
    const badLabels = snappy.compress(T.encode(T.fromObject({ streams: [{ labels: 'app=oops', entries: [{ line: 'x' }] }] })).finish());
    const r = await post(badLabels, 'application/x-protobuf');
    expect(r).toMatchObject({ status: 400, text: expect.stringMatching(/label set/) });
    expect((await post('x', 'application/xml')).status).toBe(415);
    const many = { streams: [{ stream: { app: 'x' }, values: Array.from({ length: 501 }, (_, i) => [String(Date.now() * 1e6), `m${i}`]) }] };
    expect(await post(JSON.stringify(many), 'application/json')).toMatchObject({ status: 413, text: expect.stringMatching(/501 entries/) });
    const big = JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [[String(Date.now() * 1e6), 'x'.repeat(600 * 1024)]] }] });
    expect(await post(big, 'application/json')).toMatchObject({ status: 413, type: expect.stringMatching(/text\/plain/) });
    expect(await post(snappy.compress(Buffer.from(big)), 'application/x-protobuf')).toMatchObject({ status: 413, text: expect.stringMatching(/MAX_BODY_BYTES/) });
  });
});
