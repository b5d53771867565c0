// Against the real Elasticsearch the jest global set-up provides (ELASTIC_ADDR).
import { normalizeJson, toElasticDocument, type AnomalyVerdict } from '@log-sentinel/schema';
import { randomBytes } from 'node:crypto';
import {
  bulkOperations,
  clusterStatus,
  createElasticClient,
  dailyIndexName,
  deleteExpiredIndices,
  indexDocument,
  indexPattern,
  installIndexTemplate,
  listIndices,
  searchFlagged,
} from './index';

const client = createElasticClient({ node: process.env['ELASTIC_ADDR'] ?? 'http://127.0.0.1:9200' });
const prefix = `ls-int-${randomBytes(4).toString('hex')}`;
const ctx = { receivedAt: new Date('2026-11-22T16:00:00Z') };

const [flaggedRecord, normalRecord] = normalizeJson(
  JSON.stringify([
    { '@timestamp': '2026-11-22T15:59:58.120Z', 'log.level': 'ERROR', message: 'Brute force detected for user admin', 'service.name': 'auth', 'host.name': 'web-1', user: 'admin' },
    { timestamp: '2026-11-22T15:59:59Z', level: 'INFO', message: 'User login', source: 'auth' },
  ]),
  ctx,
).records;
const flagged: AnomalyVerdict = {
  isAnomaly: true,
  score: 0.93,
  reasons: ['iforest.outlier', 'drain.new_template'],
  status: 'scored',
  modelVersion: 'v1',
  templateId: 't42',
  template: 'Brute force detected for user <*>',
};
const normal: AnomalyVerdict = { isAnomaly: false, score: 0.12, reasons: [], status: 'scored', modelVersion: 'v1', templateId: 't1', template: 'User login' };

afterAll(async () => {
  // wildcard deletes are refused (action.destructive_requires_name): delete by name
  for (const index of await listIndices(client, prefix)) await client.indices.delete({ index });
  await client.indices.deleteIndexTemplate({ name: prefix }, { ignore: [404] });
  await client.close();
});

describe('libs/elastic against a real Elasticsearch', () => {
  it('answers as Elasticsearch with a yellow or green cluster', async () => {
    expect(['yellow', 'green']).toContain(await clusterStatus(client));
  });

  it('installs the index template idempotently', async () => {
    const first = await installIndexTemplate(client, prefix);
    const second = await installIndexTemplate(client, prefix);
    expect(first.action).toBe('created');
    expect(second).toEqual({ ...first, action: 'unchanged' });
    const res = await client.indices.getIndexTemplate({ name: prefix });
    expect(res.index_templates[0]!.index_template.index_patterns).toEqual([`${prefix}-*`]);
  });

  it('indexes a flagged and an unflagged record; the term query finds exactly the flagged one', async () => {
    const a = await indexDocument(client, prefix, toElasticDocument(flaggedRecord!, flagged), true);
    const b = await indexDocument(client, prefix, toElasticDocument(normalRecord!, normal), true);
    expect(a.index).toBe(`${prefix}-2026.11.22`);
    expect(b.index).toBe(a.index);

    const res = await client.search({ index: indexPattern(prefix), query: { term: { 'anomaly.is_anomaly': true } } });
    expect(res.hits.hits.map((h) => h._id)).toEqual([flaggedRecord!.id]);

    const hits = await searchFlagged(client, prefix, { since: new Date('2026-11-22T00:00:00Z') });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.id).toBe(flaggedRecord!.id);
    expect(hits[0]!.record).toEqual({ ...flaggedRecord!, timestampAssigned: false });
    expect(hits[0]!.verdict).toEqual(flagged);
    expect(await searchFlagged(client, prefix, { since: new Date('2026-11-23T00:00:00Z') })).toEqual([]);
  });

  it('maps the fields as the template says (labels flattened, booleans, floats, dates, no replicas)', async () => {
    const index = dailyIndexName(prefix, flaggedRecord!.timestamp);
    const mapping = await client.indices.getMapping({ index });
    const props = mapping[index]!.mappings.properties as Record<string, { type?: string; properties?: Record<string, { type?: string }> }>;
    expect(props['@timestamp']!.type).toBe('date');
    expect(props['labels']!.type).toBe('flattened');
    expect(props['anomaly']!.properties!['is_anomaly']!.type).toBe('boolean');
    expect(props['anomaly']!.properties!['score']!.type).toBe('float');
    const settings = await client.indices.getSettings({ index });
    expect(settings[index]!.settings!.index!.number_of_replicas).toBe('0');
    const byLabel = await client.search({ index, query: { term: { 'labels.user': 'admin' } } });
    expect(byLabel.hits.hits.map((h) => h._id)).toEqual([flaggedRecord!.id]);
  });

  it('bulk replays overwrite by event.id instead of duplicating', async () => {
    const docs = [toElasticDocument(flaggedRecord!, flagged), toElasticDocument(normalRecord!, normal)];
    for (let i = 0; i < 2; i++) {
      const res = await client.bulk({ operations: bulkOperations(prefix, docs).flat(), refresh: true });
      expect(res.errors).toBe(false);
    }
    const count = await client.count({ index: indexPattern(prefix) });
    expect(count.count).toBe(2);
  });

  it('deletes only daily indices older than the retention, by name', async () => {
    const old = { ...toElasticDocument(normalRecord!, normal), '@timestamp': '2026-10-01T10:00:00.000Z' };
    old.event = { ...old.event, id: 'old-1' };
    await indexDocument(client, prefix, old, true);
    expect(await listIndices(client, prefix)).toEqual([`${prefix}-2026.10.01`, `${prefix}-2026.11.22`]);
    const deleted = await deleteExpiredIndices(client, prefix, 30, new Date('2026-11-22T16:00:00Z'));
    expect(deleted).toEqual([`${prefix}-2026.10.01`]);
    expect(await listIndices(client, prefix)).toEqual([`${prefix}-2026.11.22`]);
  });
});
