/**
 * OTLP/HTTP logs through the built collector, sent by the OpenTelemetry JS SDK
 * (@opentelemetry/sdk-logs) with the official exporters (exporter-logs-otlp-http: JSON,
 * exporter-logs-otlp-proto: protobuf, gzip) and by pino-opentelemetry-transport, checked in the real Elasticsearch; plus
 * partialSuccess, overload and bad input (docs/api.md, "OTLP/HTTP logs").
 */
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import * as http from 'node:http';
import pino from 'pino';
import { gzipSync } from 'node:zlib';
import { byMessage, field, shipperCollectorForSuite, waitForHits } from '../testing/shipper-clients';
import { decodeOtlpProtobuf } from './otlp';

jest.setTimeout(120_000);

interface Msg {
  encode(m: object): { finish(): Uint8Array };
  fromObject(o: object): object;
  decode(b: Uint8Array): object;
  toObject(m: object, o: object): Record<string, unknown>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const logsV1 = (require('@opentelemetry/otlp-transformer/build/src/generated/root') as { opentelemetry: { proto: { collector: { logs: { v1: Record<string, Msg> } } } } }).opentelemetry.proto.collector.logs.v1;

const suite = shipperCollectorForSuite('otlp', () => ({ MAX_RECORDS_PER_REQUEST: '600', MAX_BODY_BYTES: String(512 * 1024) }));

const N = 300;

async function sendWithSdk(exporter: LogRecordExporter, tag: string): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': `svc-${tag}`, 'host.name': `host-${tag}`, 'deployment.environment': 'it' }),
    processors: [new BatchLogRecordProcessor(exporter, { maxExportBatchSize: 128, scheduledDelayMillis: 50 })],
  });
  const logger = provider.getLogger(`scope-${tag}`, '1.2.3');
  for (let i = 0; i < N; i++) {
    logger.emit({
      severityNumber: i % 5 === 0 ? SeverityNumber.ERROR : SeverityNumber.INFO,
      ...(i % 2 === 0 ? { severityText: i % 5 === 0 ? 'ERROR' : 'INFO' } : {}),
      body: i % 3 === 0 ? { message: `${tag} record ${i}`, user: `u${i}` } : `${tag} record ${i}`,
      attributes: { 'session.id': `sess-${i % 4}`, trace_id: `t-${i}`, 'log.record.template': 'record <*>' },
    });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

function check(docs: Awaited<ReturnType<typeof waitForHits>>, tag: string): void {
  const mine = docs.filter((h) => String(h.source.message).startsWith(`${tag} record `));
  const m = byMessage(mine);
  expect(m.size).toBe(N);
  for (const d of m.values()) expect(d).toHaveLength(1);
  const d0 = m.get(`${tag} record 0`)![0].source;
  expect(d0).toMatchObject({ service: { name: `svc-${tag}` }, host: { name: `host-${tag}` }, log: { level: 'ERROR' }, session: { id: 'sess-0' } });
  expect(field(d0, 'labels')).toMatchObject({ trace_id: 't-0', 'log.record.template': 'record <*>', user: 'u0', 'otel.scope.name': `scope-${tag}`, 'deployment.environment': 'it' });
  // severityText absent: the severityNumber names the level
  expect(m.get(`${tag} record 1`)![0].source).toMatchObject({ log: { level: 'INFO' }, session: { id: 'sess-1' } });
}

describe('OTLP/HTTP logs receiver', () => {
  it('@opentelemetry/exporter-logs-otlp-http (JSON) stores each record once with resource, scope, severity, body and attributes mapped', async () => {
    await sendWithSdk(new JsonExporter({ url: `${suite.c.url}/v1/logs` }), 'otlpjson');
    check(await waitForHits(suite.prefix, N), 'otlpjson');
  });

  it('@opentelemetry/exporter-logs-otlp-proto (protobuf, gzip) stores each record once with the same mapping', async () => {
    await sendWithSdk(new ProtoExporter({ url: `${suite.c.url}/v1/logs`, compression: 'gzip' as never }), 'otlpproto');
    check(await waitForHits(suite.prefix, 2 * N), 'otlpproto');
  });

  it('pino-opentelemetry-transport (pino in a worker thread, protobuf) stores each record once with msg, level and bindings mapped', async () => {
    const transport = pino.transport({
      target: require.resolve('pino-opentelemetry-transport'),
      options: {
        loggerName: 'pino-otel',
        serviceVersion: '1.0.0',
        resourceAttributes: { 'service.name': 'pino-otel-svc', 'host.name': 'pino-otel-host' },
        logRecordProcessorOptions: { recordProcessorType: 'batch', exporterOptions: { protocol: 'http/protobuf', protobufExporterOptions: { url: `${suite.c.url}/v1/logs` } }, processorConfig: { scheduledDelayMillis: 50 } },
      },
    });
    const logger = pino(transport);
    for (let i = 0; i < N; i++) logger[i % 6 === 0 ? 'error' : 'info']({ 'session.id': `po-${i % 3}` }, `pinootel record ${i}`);
    transport.end(); // the worker flushes its batch processor, then exits
    const m = byMessage((await waitForHits(suite.prefix, 3 * N)).filter((h) => String(h.source.message).startsWith('pinootel record ')));
    expect(m.size).toBe(N);
    for (const d of m.values()) expect(d).toHaveLength(1);
    expect(m.get('pinootel record 6')![0].source).toMatchObject({ service: { name: 'pino-otel-svc' }, host: { name: 'pino-otel-host' }, log: { level: 'error' }, session: { id: 'po-0' } });
  });

  it('answers partialSuccess counting rejected records, in JSON and in protobuf', async () => {
    const body = {
      resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'partial' } }] }, scopeLogs: [{ logRecords: [{ body: { stringValue: 'partial kept' } }, { body: { stringValue: '' } }, {}] }] }],
    };
    const res = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(body)) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedLogRecords: 2, errorMessage: expect.stringMatching(/2 of 3 log records rejected/) } });
    // The protobuf reply, read with the same official definitions the exporter uses.
    const exporter = new ProtoExporter({ url: `${suite.c.url}/v1/logs` });
    const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor(exporter)] });
    provider.getLogger('p').emit({ body: '' });
    provider.getLogger('p').emit({ body: 'partial proto kept' });
    await provider.forceFlush();
    await provider.shutdown();
    const docs = byMessage(await waitForHits(suite.prefix, 3 * N + 2));
    expect(docs.get('partial kept')).toHaveLength(1);
    expect(docs.get('partial proto kept')).toHaveLength(1);
    // A protobuf request and its protobuf reply, both through the official definitions.
    const req = logsV1.ExportLogsServiceRequest;
    const wire = req.encode(req.fromObject({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'pb kept' } }, { body: { stringValue: '  ' } }] }] }] })).finish();
    expect(decodeOtlpProtobuf(wire).resourceLogs).toHaveLength(1);
    const pb = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: wire });
    expect(pb.status).toBe(200);
    const reply = logsV1.ExportLogsServiceResponse.toObject(logsV1.ExportLogsServiceResponse.decode(new Uint8Array(await pb.arrayBuffer())), { longs: Number });
    expect(reply).toEqual({ partialSuccess: { rejectedLogRecords: 1, errorMessage: expect.stringMatching(/1 of 2/) } });
  });

  it('bad input gets an OTLP Status with 4xx, never a 5xx or HTML: not protobuf/JSON, wrong content type, too many records', async () => {
    const badJson = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 3, message: expect.stringMatching(/ExportLogsServiceRequest/) });
    const badProto = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]) });
    expect(badProto.status).toBe(400);
    expect(badProto.headers.get('content-type')).toMatch(/protobuf/);
    const type = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(type.status).toBe(415);
    const records = Array.from({ length: 601 }, (_, i) => ({ body: { stringValue: `too many ${i}` } }));
    const many = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: records }] }] }) });
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({ code: 3, message: expect.stringMatching(/601 log records/) });
    const big = await fetch(`${suite.c.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'x'.repeat(600 * 1024) } }] }] }] }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 3, message: expect.stringMatching(/BODY_TOO_LARGE/) });
  });
});

describe('OTLP/HTTP overload', () => {
  const busySuite = shipperCollectorForSuite('otlpbusy', () => ({ MAX_INFLIGHT_REQUESTS: '1', HTTP_BODY_IDLE_TIMEOUT_MS: '5000' }));
  it('past MAX_INFLIGHT_REQUESTS answers 429 with Retry-After (a held-open request occupies the one slot)', async () => {
    const t = busySuite.c;
    const port = Number(new URL(t.url).port);
    // A request whose body has not finished arriving holds the only slot.
    const held = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/logs', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
    held.on('error', () => undefined);
    held.write('{"resourceLogs":');
    await new Promise((r) => setTimeout(r, 200));
    const busy = await fetch(`${t.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceLogs":[]}' });
    expect(busy.status).toBe(429);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await busy.json()).toMatchObject({ code: 8 });
    held.destroy();
  });

});

describe('OTLP/HTTP with a full spool', () => {
  const fullSuite = shipperCollectorForSuite('otlpfull', () => ({ ELASTIC_ADDR: 'off', SPOOL_MAX_BYTES: String(1024 * 1024), SPOOL_SEGMENT_BYTES: String(256 * 1024) }));
  it('when the spool is full answers 503 with Retry-After and an UNAVAILABLE status', async () => {
    const t = fullSuite.c;
    let refused: Response | undefined;
    for (let b = 0; b < 100 && !refused; b++) {
      const logRecords = Array.from({ length: 500 }, (_, i) => ({ body: { stringValue: `fill ${b}-${i} ${'x'.repeat(100)}` } }));
      const r = await fetch(`${t.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] }) });
      if (r.status !== 200) refused = r;
      else await r.arrayBuffer();
    }
    expect(refused?.status).toBe(503);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused!.json()).toMatchObject({ code: 14, message: expect.stringMatching(/SPOOL_FULL/) });
  });
});
