/**
 * Error paths of the Elasticsearch sink and the delivery loop, against the official
 * @elastic/elasticsearch-mock (the real cluster is exercised in collector.int.spec.ts).
 * Sentences proved are in docs/collector.md (G3, G9, G10).
 */
import { Client, errors, type BaseConnection } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { pendingVerdict, type LogRecord } from '@log-sentinel/schema';
import { Spool, encodeSpoolRecord } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { Delivery, backoffMs, type DeliveryMetrics } from './delivery';
import { DeadLetterWriter } from './dead-letter';
import { ElasticsearchSink, bulkBody } from './sink';

const log = pino({ level: 'silent' });

function record(id: string): LogRecord {
  return { id, timestamp: '2026-06-01T12:00:00.000Z', timestampAssigned: false, message: `message ${id}`, labels: {}, original: id, ingested: '2026-06-01T12:00:01.000Z', origin: 'http' };
}

/**
 * The mock's connection, handing it a Buffer request body as its text: the sink sends `_bulk`
 * bodies as one Buffer, and the mock only reads string and stream bodies. Nothing else changes.
 */
function mockConnection(mock: Mock): typeof BaseConnection {
  const Connection = mock.getConnection();
  const request = Connection.prototype.request;
  const textBody = function (this: BaseConnection, params: { body?: unknown }, options: unknown): unknown {
    return request.call(this, (Buffer.isBuffer(params.body) ? { ...params, body: params.body.toString('utf8') } : params) as never, options as never);
  };
  Connection.prototype.request = textBody as unknown as typeof request;
  return Connection;
}

/** The `_id`s of a mocked _bulk request, in order. */
function bulkIds(body: unknown): string[] {
  const lines: unknown[] = typeof body === 'string' ? body.trim().split('\n').map((l) => JSON.parse(l) as unknown) : (body as unknown[]);
  return lines.filter((l): l is { index: { _id: string } } => typeof l === 'object' && l !== null && 'index' in l).map((l) => l.index._id);
}

async function setup(itemMaxAttempts = 5): Promise<{ mock: Mock; spool: Spool; delivery: Delivery; metrics: CountingMetrics; deadFile: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'delivery-'));
  const mock = new Mock();
  const client = new Client({ node: 'http://localhost:9200', Connection: mockConnection(mock), maxRetries: 0 });
  const spool = await Spool.open({ dir: path.join(dir, 'spool') });
  const metrics = new CountingMetrics();
  const deadFile = path.join(dir, 'dead-letter.ndjson');
  const delivery = new Delivery(spool, new ElasticsearchSink(client, 5000), new DeadLetterWriter(undefined, 'p', deadFile), metrics, log, {
    indexPrefix: 'p',
    maxDocs: 100,
    maxBytes: 1 << 20,
    flushIntervalMs: 20,
    concurrency: 1,
    retry: { baseMs: 5, maxMs: 20, itemMaxAttempts },
  });
  return { mock, spool, delivery, metrics, deadFile };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plain counters standing where the collector passes its prom-client counters. */
class CountingMetrics implements DeliveryMetrics {
  readonly counts = { indexed: 0, replayed: 0, deadLettered: 0, authRefused: 0, bulkRequests: 0 };
  readonly indexed = { inc: (n = 1): void => void (this.counts.indexed += n) };
  readonly replayed = { inc: (n = 1): void => void (this.counts.replayed += n) };
  readonly deadLettered = { inc: (n = 1): void => void (this.counts.deadLettered += n) };
  readonly authRefused = { inc: (n = 1): void => void (this.counts.authRefused += n) };
  readonly bulkRequests = { inc: (_labels: { outcome: string }, n = 1): void => void (this.counts.bulkRequests += n) };
}

describe('Elasticsearch delivery error paths', () => {
  it('G9: a _bulk reply with errors MUST retry only the failed 429/5xx items, and send mapping errors to the dead letters with the reason', async () => {
    const { mock, spool, delivery, metrics, deadFile } = await setup();
    const calls: string[][] = [];
    mock.add({ method: 'POST', path: '/_bulk' }, (params) => {
      const ids = bulkIds(params.body);
      calls.push(ids);
      if (calls.length === 1) {
        return {
          errors: true,
          items: [
            { index: { _id: 'a', status: 201 } },
            { index: { _id: 'b', status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } },
            { index: { _id: 'c', status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [log.offset]' } } },
          ],
        };
      }
      return { errors: false, items: ids.map((id) => ({ index: { _id: id, status: 201 } })) };
    });
    await spool.append(['a', 'b', 'c'].map((id) => encodeSpoolRecord(record(id), pendingVerdict()).payload));
    delivery.start();
    await until(() => spool.stats().unackedRecords === 0);
    await delivery.shutdown();
    expect(calls).toEqual([['a', 'b', 'c'], ['b']]);
    const dead = (await fs.readFile(deadFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { event: { id: string }; dead_letter: { reason: string; status: number } });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ event: { id: 'c' }, dead_letter: { status: 400 } });
    expect(dead[0].dead_letter.reason).toContain('document_parsing_exception');
    expect(metrics.counts.indexed).toBe(2);
    expect(metrics.counts.deadLettered).toBe(1);
    expect(metrics.counts.replayed).toBe(1);
  });

  it('G9: a spool record delivery cannot read MUST be dead-lettered with the reason while its neighbours are indexed as stored', async () => {
    const { mock, spool, delivery, metrics, deadFile } = await setup();
    const bodies: string[] = [];
    mock.add({ method: 'POST', path: '/_bulk' }, (params) => {
      bodies.push((params.body as unknown[]).map((l) => JSON.stringify(l)).join('\n'));
      return { errors: false, items: bulkIds(params.body).map(() => ({ index: { status: 201 } })) };
    });
    const good = ['g1', 'g2'].map((id) => encodeSpoolRecord(record(id), pendingVerdict()).payload);
    await spool.append([good[0]!, 'no metadata line here', good[1]!]);
    delivery.start();
    await until(() => spool.stats().unackedRecords === 0);
    await delivery.shutdown();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('"message":"message g1"');
    expect(bulkIds(bodies[0]!.split('\n').map((l) => JSON.parse(l) as unknown))).toEqual(['g1', 'g2']);
    const dead = JSON.parse((await fs.readFile(deadFile, 'utf8')).trim()) as { dead_letter: { reason: string; document: string } };
    expect(dead.dead_letter).toMatchObject({ reason: 'unreadable spool record: spool record has no metadata line', document: 'no metadata line here' });
    expect(metrics.counts).toMatchObject({ indexed: 2, deadLettered: 1 });
  });

  it('G10: an unreachable cluster MUST be retried without limit and without using up item attempts; nothing is acknowledged before it answers', async () => {
    const { mock, spool, delivery } = await setup(1);
    let calls = 0;
    mock.add({ method: 'POST', path: '/_bulk' }, (params) => {
      calls++;
      if (calls <= 3) return new errors.ConnectionError('connect ECONNREFUSED');
      return { errors: false, items: bulkIds(params.body).map((id) => ({ index: { _id: id, status: 201 } })) };
    });
    await spool.append(['x', 'y'].map((id) => encodeSpoolRecord(record(id), pendingVerdict()).payload));
    delivery.start();
    await until(() => calls >= 2);
    expect(spool.stats().unackedRecords).toBe(2);
    await until(() => spool.stats().unackedRecords === 0);
    expect(calls).toBe(4);
    await delivery.shutdown();
  });

  it('G9: an item answered 5xx past the attempt limit MUST be dead-lettered with the reason, never dropped', async () => {
    const { mock, spool, delivery, deadFile } = await setup(3);
    let calls = 0;
    mock.add({ method: 'POST', path: '/_bulk' }, (params) => {
      calls++;
      return { errors: true, items: bulkIds(params.body).map((id) => ({ index: { _id: id, status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary shard is not active' } } })) };
    });
    await spool.append([encodeSpoolRecord(record('z'), pendingVerdict()).payload]);
    delivery.start();
    await until(() => spool.stats().unackedRecords === 0);
    await delivery.shutdown();
    expect(calls).toBe(3);
    const dead = JSON.parse((await fs.readFile(deadFile, 'utf8')).trim()) as { dead_letter: { reason: string } };
    expect(dead.dead_letter.reason).toMatch(/gave up after 3 attempts: unavailable_shards_exception/);
  });

  it('G10: a whole _bulk request refused 401/403 MUST stop delivery with an error and the auth metric, not be retried for ever; the records stay in the spool', async () => {
    const { mock, spool, delivery, metrics } = await setup();
    let calls = 0;
    mock.add({ method: 'POST', path: '/_bulk' }, () => {
      calls++;
      return new errors.ResponseError({ body: { error: 'security_exception' }, statusCode: 401, headers: {}, warnings: [], meta: {} as never });
    });
    await spool.append(['k', 'l'].map((id) => encodeSpoolRecord(record(id), pendingVerdict()).payload));
    delivery.start();
    await until(() => delivery.stoppedReason !== undefined);
    await delivery.shutdown(); // the delivery loop has ended: every call it made is counted
    expect(calls).toBe(1);
    expect(metrics.counts.authRefused).toBe(1);
    expect(delivery.stoppedReason).toMatch(/HTTP 401/);
    expect(spool.stats().unackedRecords).toBe(2);
  });

  it('a whole-request HTTP error is retryable for every item', async () => {
    const mock = new Mock();
    const client = new Client({ node: 'http://localhost:9200', Connection: mockConnection(mock), maxRetries: 0 });
    mock.add({ method: 'POST', path: '/_bulk' }, () => new errors.ResponseError({ body: { error: 'overloaded' }, statusCode: 503, headers: {}, warnings: [], meta: {} as never }));
    const res = await new ElasticsearchSink(client, 1000).send([{ index: 'p-2026.06.01', id: '1', docJson: '{}' }, { index: 'p-2026.06.01', id: '2', docJson: '{}' }]);
    expect(res).toEqual([expect.objectContaining({ kind: 'retryable', scope: 'request', status: 503 }), expect.objectContaining({ kind: 'retryable', scope: 'request' })]);
  });

  it('asks for the filtered _bulk reply (errors, items.*.status, items.*.error) and maps its items in order', async () => {
    const mock = new Mock();
    const client = new Client({ node: 'http://localhost:9200', Connection: mockConnection(mock), maxRetries: 0 });
    mock.add({ method: 'POST', path: '/_bulk', querystring: { filter_path: 'errors,items.*.status,items.*.error' } }, () => ({
      errors: true,
      items: [{ index: { status: 201 } }, { index: { status: 503, error: { type: 'unavailable_shards_exception', reason: 'no primary' } } }, { create: { status: 409, error: { type: 'version_conflict_engine_exception' } } }],
    }));
    const items = ['1', '2', '3'].map((id) => ({ index: 'p-2026.06.01', id, docJson: Buffer.from('{}') }));
    expect(await new ElasticsearchSink(client, 1000).send(items)).toEqual([
      { kind: 'ok' },
      { kind: 'retryable', scope: 'item', status: 503, reason: 'unavailable_shards_exception: no primary' },
      { kind: 'failed', status: 409, reason: 'version_conflict_engine_exception' },
    ]);
  });

  it('builds the _bulk body from document bytes or text exactly as JSON.stringify of the action plus the document would', () => {
    const docs = ['{"message":"plain"}', '{"message":"ümlaut 日本語 \\"q\\" \\n"}', '{}'];
    const items = [
      { index: 'p-2026.06.01', id: 'a', docJson: Buffer.from(docs[0]!) },
      { index: 'p-2026.06.02', id: 'é"\\日', docJson: docs[1]! },
      { index: 'p-2026.06.01', id: 'c', docJson: Buffer.from(docs[2]!) },
    ];
    const expected = items.map((it, i) => `${JSON.stringify({ index: { _index: it.index, _id: it.id } })}\n${docs[i]}\n`).join('');
    expect(bulkBody(items).toString('utf8')).toBe(expected);
    expect(bulkBody(items).length).toBe(Buffer.byteLength(expected));
  });

  it('backoff grows exponentially with jitter and is capped', () => {
    expect(backoffMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(400);
    expect(backoffMs(40, 100, 10_000, () => 1)).toBe(10_000);
  });
});
