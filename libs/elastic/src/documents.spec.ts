import { normalizeText, toElasticDocument } from '@log-sentinel/schema';
import { createElasticClient } from './client';
import { bulkOperations, flaggedQuery, searchFlagged } from './documents';

describe('flaggedQuery', () => {
  it('is the term query on anomaly.is_anomaly, with an optional time range', () => {
    expect(flaggedQuery()).toEqual({ bool: { filter: [{ term: { 'anomaly.is_anomaly': true } }] } });
    expect(flaggedQuery({ since: new Date('2024-06-01T00:00:00Z'), until: new Date('2024-06-02T00:00:00Z') })).toEqual({
      bool: {
        filter: [
          { term: { 'anomaly.is_anomaly': true } },
          { range: { '@timestamp': { gte: '2024-06-01T00:00:00.000Z', lt: '2024-06-02T00:00:00.000Z' } } },
        ],
      },
    });
  });
});

describe('bulkOperations', () => {
  it('sends each document to its daily index with _id = event.id', () => {
    const { records } = normalizeText('2024-06-01 23:59:59 INFO a\n2024-06-02 00:00:00 INFO b', { receivedAt: new Date(), newId: () => 'same-id-source' });
    const docs = records.map((r, i) => toElasticDocument({ ...r, id: `id-${i}` }));
    expect(bulkOperations('logs-sentinel', docs)).toEqual([
      [{ index: { _index: 'logs-sentinel-2024.06.01', _id: 'id-0' } }, docs[0]],
      [{ index: { _index: 'logs-sentinel-2024.06.02', _id: 'id-1' } }, docs[1]],
    ]);
  });
});

describe('searchFlagged', () => {
  it('rejects a limit outside 1..10000 before any request', async () => {
    const client = createElasticClient({ node: 'http://127.0.0.1:1' });
    await expect(searchFlagged(client, 'p', { limit: 0 })).rejects.toThrow(/limit/);
    await expect(searchFlagged(client, 'p', { limit: 10_001 })).rejects.toThrow(/limit/);
    await client.close();
  });
});
