// Against the real Elasticsearch the jest global set-up provides (ELASTIC_ADDR).
import { normalizeJson, toElasticDocument, toSessionDocument, type AnomalyVerdict, type ElasticLogDocument } from '@log-sentinel/schema';
import { randomBytes } from 'node:crypto';
import {
  bulkOperations,
  createElasticClient,
  dailyIndexName,
  deleteExpiredIndices,
  indexDocument,
  indexPattern,
  installIndexTemplate,
  listIndices,
  findDocuments,
  findTemplateRecords,
  searchAnomalies,
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
    expect(['yellow', 'green']).toContain((await client.cluster.health()).status.toLowerCase());
  });

  it('installs the index template idempotently', async () => {
    const first = await installIndexTemplate(client, prefix);
    const second = await installIndexTemplate(client, prefix);
    expect(first.action).toBe('created');
    expect(first.existingIndices).toBe('added');
    expect(second).toEqual({ name: first.name, checksum: first.checksum, action: 'unchanged' });
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

  it('adds new template fields to an index created under an older template (mappings only grow)', async () => {
    const p2 = `ls-int-grow-${randomBytes(4).toString('hex')}`;
    const index = `${p2}-2026.11.20`;
    await client.indices.create({ index, mappings: { dynamic: false, properties: { '@timestamp': { type: 'date' } } } });
    try {
      const res = await installIndexTemplate(client, p2);
      expect(res.existingIndices).toBe('added');
      const mapping = await client.indices.getMapping({ index });
      const anomaly = (mapping[index]!.mappings.properties as Record<string, { properties?: Record<string, { type?: string }> }>)['anomaly'];
      expect(anomaly!.properties!['group']!.type).toBe('keyword');
    } finally {
      await client.indices.delete({ index });
      await client.indices.deleteIndexTemplate({ name: p2 }, { ignore: [404] });
    }
  });

  it('GET /anomalies view: groups repeats (first alert, count, last seen) with collapse, filters kinds, finds documents by id and template', async () => {
    const p3 = `ls-int-alerts-${randomBytes(4).toString('hex')}`;
    await installIndexTemplate(client, p3);
    const at = (s: number): string => new Date(Date.UTC(2026, 10, 22, 10, 0, s)).toISOString();
    const rec = (id: string, s: number, v: AnomalyVerdict): ElasticLogDocument => {
      const d = toElasticDocument({ ...flaggedRecord!, id, timestamp: at(s) }, v);
      return d;
    };
    const newTpl: AnomalyVerdict = { ...flagged, reasons: ['drain.new_template'], templateId: 'tN' };
    const transition: AnomalyVerdict = { ...flagged, reasons: ['deeplog.unexpected_key'], templateId: 't7', explanation: { recent: ['a <*>', 'b <*>'] } };
    const docs = [
      rec('n1', 1, newTpl),
      rec('n2', 2, newTpl),
      rec('n3', 5, newTpl),
      rec('u1', 3, transition),
      rec('ok', 4, normal),
      toSessionDocument({ sessionId: 'blk_9', isAnomaly: true, score: 1, reasons: ['deeplog.missing_step'], modelVersion: 'v1', explanation: 'ended early', records: 4, flaggedRecords: 0, recent: ['b <*>'], closedAt: at(6), status: 'scored' }),
    ];
    const res = await client.bulk({ operations: bulkOperations(p3, docs).flat(), refresh: true });
    expect(res.errors).toBe(false);
    try {
      const grouped = await searchAnomalies(client, p3, { limit: 10 });
      expect(grouped.map((d) => [d.event.id, d.anomaly?.group, d.anomaly?.repeats, d.anomaly?.last_seen])).toEqual([
        [docs[5]!.event.id, 'deeplog.missing_step:b <*>', 1, at(6)],
        ['n1', 'drain.new_template:tN', 3, at(5)],
        ['u1', 'deeplog.unexpected_key:b <*>>t7', 1, at(3)],
      ]);
      const all = await searchAnomalies(client, p3, { limit: 10, group: false });
      expect(all.map((d) => d.event.id)).toEqual([docs[5]!.event.id, 'n3', 'u1', 'n2', 'n1']);
      expect(all.every((d) => d.anomaly?.is_anomaly === true && d.anomaly.repeats === undefined)).toBe(true);
      expect((await searchAnomalies(client, p3, { limit: 10, kind: 'session' })).map((d) => d.session?.id)).toEqual(['blk_9']);
      expect((await searchAnomalies(client, p3, { limit: 10, kind: 'record', since: new Date(at(2)) })).map((d) => [d.event.id, d.anomaly?.repeats])).toEqual([
        ['n2', 2],
        ['u1', 1],
      ]);
      expect((await findDocuments(client, p3, ['n2', 'ok', 'missing'])).map((d) => d.event.id).sort()).toEqual(['n2', 'ok']);
      expect((await findTemplateRecords(client, p3, 'tN', 2)).map((d) => d.event.id)).toEqual(['n3', 'n2']);
    } finally {
      for (const index of await listIndices(client, p3)) await client.indices.delete({ index });
      await client.indices.deleteIndexTemplate({ name: p3 }, { ignore: [404] });
    }
  });
});
