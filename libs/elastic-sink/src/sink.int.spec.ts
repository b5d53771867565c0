// The `_bulk` sink against the real Elasticsearch the jest global set-up provides (ELASTIC_ADDR):
// the filtered reply (`filter_path`) still maps every item to its result (docs/collector.md G9).
import { createElasticClient, dailyIndexName, installIndexTemplate, listIndices } from '@log-sentinel/elastic';
import { randomBytes } from 'node:crypto';
import { ElasticsearchSink, type SinkItem } from './sink';

const client = createElasticClient({ node: process.env['ELASTIC_ADDR'] ?? 'http://127.0.0.1:9200', maxRetries: 0 });
const prefix = `ls-sink-${randomBytes(4).toString('hex')}`;
const index = dailyIndexName(prefix, '2026-06-01T12:00:00.000Z');

function doc(id: string, message: string, offset: unknown = 1): string {
  return JSON.stringify({ '@timestamp': '2026-06-01T12:00:00.000Z', message, event: { id }, log: { offset } });
}

beforeAll(async () => {
  await installIndexTemplate(client, prefix);
});

afterAll(async () => {
  for (const name of await listIndices(client, prefix)) await client.indices.delete({ index: name });
  await client.indices.deleteIndexTemplate({ name: prefix }, { ignore: [404] });
  await client.close();
});

describe('ElasticsearchSink against a real Elasticsearch', () => {
  it('G9: with the filtered _bulk reply, indexed items MUST map to ok and a mapping error to failed with its reason, in request order; bytes and text documents are indexed as sent', async () => {
    const items: SinkItem[] = [
      { index, id: 'a', docJson: Buffer.from(doc('a', 'stored bytes')) },
      { index, id: 'b', docJson: doc('b', 'not a number in a long field', 'x-not-a-number') },
      { index, id: 'é-ü-日本', docJson: Buffer.from(doc('é-ü-日本', 'ümlaut, 日本語 and "quotes"\n')) },
      { index, id: 'd', docJson: doc('d', 'text document') },
    ];
    const results = await new ElasticsearchSink(client, 10_000).send(items);
    expect(results.map((r) => r.kind)).toEqual(['ok', 'failed', 'ok', 'ok']);
    expect(results[1]).toMatchObject({ kind: 'failed', status: 400 });
    expect((results[1] as { reason: string }).reason).toMatch(/document_parsing_exception.*log\.offset/);
    await client.indices.refresh({ index });
    const res = await client.search<{ message: string }>({ index, query: { match_all: {} }, sort: [{ 'event.id': 'asc' }] });
    expect(res.hits.hits.map((h) => [h._id, h._source!.message])).toEqual([
      ['a', 'stored bytes'],
      ['d', 'text document'],
      ['é-ü-日本', 'ümlaut, 日本語 and "quotes"\n'],
    ]);
  });

  it('a second send of the same _ids MUST overwrite, not duplicate (replays are idempotent)', async () => {
    const sink = new ElasticsearchSink(client, 10_000);
    const items: SinkItem[] = [{ index, id: 'r1', docJson: doc('r1', 'first') }];
    expect(await sink.send(items)).toEqual([{ kind: 'ok' }]);
    expect(await sink.send([{ index, id: 'r1', docJson: Buffer.from(doc('r1', 'again')) }])).toEqual([{ kind: 'ok' }]);
    await client.indices.refresh({ index });
    expect((await client.count({ index, query: { term: { 'event.id': 'r1' } } })).count).toBe(1);
  });

  it('a _bulk the cluster refuses as a whole MUST be retryable for every item and keep the cluster\'s reason (filter_path does not cut error replies)', async () => {
    // A raw newline inside a document breaks the NDJSON framing: Elasticsearch answers 400 for the whole request.
    const results = await new ElasticsearchSink(client, 10_000).send([
      { index, id: 'w1', docJson: '{"message":"one"}\n{"message":"two"}' },
      { index, id: 'w2', docJson: doc('w2', 'neighbour') },
    ]);
    expect(results).toEqual([expect.objectContaining({ kind: 'retryable', scope: 'request', status: 400 }), expect.objectContaining({ kind: 'retryable', scope: 'request', status: 400 })]);
    expect((results[0] as { reason: string }).reason).toMatch(/_bulk answered HTTP 400: .*(illegal_argument_exception|action_request_validation_exception|parsing)/i);
  });

  it('an unreachable cluster MUST make every item retryable for the whole request (status 0)', async () => {
    const down = createElasticClient({ node: 'http://127.0.0.1:9', maxRetries: 0 });
    try {
      expect(await new ElasticsearchSink(down, 2000).send([{ index, id: 'z', docJson: doc('z', 'z') }])).toEqual([expect.objectContaining({ kind: 'retryable', scope: 'request', status: 0 })]);
    } finally {
      await down.close();
    }
  });
});
