import type { ElasticLogDocument } from '@log-sentinel/schema';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnomalyStore } from './anomaly-store';

const at = (i: number): string => new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString();
const doc = (i: number, group = `drain.new_template:t${i}`, kind: 'record' | 'session' = 'record'): ElasticLogDocument => ({
  '@timestamp': at(i),
  message: `flagged ${i}`,
  event: { id: `e${i}`, original: `flagged ${i}`, ingested: '2026-06-01T00:00:00.000Z' },
  anomaly: { kind, is_anomaly: true, score: 0.9, reasons: ['drain.new_template'], status: 'scored', group },
  template: { id: `t${i % 2}` },
});

describe('AnomalyStore', () => {
  it('answers newest first after since, bounded, counting drops, and survives a restart', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'anom-')), 'anomalies.ndjson');
    const dropped: number[] = [];
    const store = await AnomalyStore.open(file, 5, { dropped: (n) => dropped.push(n) });
    await store.add([1, 2, 3, 4, 5, 6, 7].map((i) => doc(i)));
    expect(store.size).toBe(5);
    expect(dropped).toEqual([2]);
    expect(store.query(new Date(at(5)), 10).map((d) => d.event.id)).toEqual(['e7', 'e6', 'e5']);
    expect(store.query(undefined, 2).map((d) => d.event.id)).toEqual(['e7', 'e6']);
    await store.flush();
    const again = await AnomalyStore.open(file, 5);
    expect(again.query(undefined, 10).map((d) => d.event.id)).toEqual(['e7', 'e6', 'e5', 'e4', 'e3']);
  });

  it('groups repeats as the Elasticsearch query does (first alert, repeats, last seen), filters kinds, looks up ids and templates', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'anom-')), 'anomalies.ndjson');
    const store = await AnomalyStore.open(file, 100);
    await store.add([doc(1, 'g:a'), doc(2, 'g:a'), doc(3, 'g:b'), doc(4, 'g:a'), doc(5, 's:x', 'session')]);
    expect(store.query(undefined, 10).map((d) => [d.event.id, d.anomaly?.repeats, d.anomaly?.last_seen])).toEqual([
      ['e5', 1, at(5)],
      ['e1', 3, at(4)],
      ['e3', 1, at(3)],
    ]);
    expect(store.query(undefined, 1, { kind: 'record' }).map((d) => d.event.id)).toEqual(['e1']);
    expect(store.query(new Date(at(2)), 10, { kind: 'record' }).map((d) => [d.event.id, d.anomaly?.repeats])).toEqual([
      ['e2', 2],
      ['e3', 1],
    ]);
    expect(store.query(undefined, 10, { kind: 'session', group: false }).map((d) => d.event.id)).toEqual(['e5']);
    expect(store.query(undefined, 10, { group: false }).every((d) => d.anomaly?.repeats === undefined)).toBe(true);
    expect(store.byEventIds(['e2', 'nope']).map((d) => d.event.id)).toEqual(['e2']);
    expect(store.byTemplate('t1', 2).map((d) => d.event.id)).toEqual(['e3', 'e1']);
  });
});

describe('AnomalyStore write errors', () => {
  it('reports a failed write instead of swallowing it, and keeps the documents in memory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'anom-'));
    const file = path.join(dir, 'anomalies.ndjson');
    const errors: Error[] = [];
    const store = await AnomalyStore.open(file, 10, { writeFailed: (e) => errors.push(e) });
    await fs.rm(dir, { recursive: true, force: true }); // the directory is gone: appending fails
    await store.add([doc(1)]);
    await store.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/ENOENT/);
    expect(store.size).toBe(1);
  });

  it('fuzz finding (issue 17): is bounded in bytes too: big flagged documents push the oldest out (counted), the newest always stays, also after a restart', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'anom-')), 'anomalies.ndjson');
    const dropped: number[] = [];
    const big = (i: number): ElasticLogDocument => ({ ...doc(i), message: 'm'.repeat(40_000), event: { ...doc(i).event, original: 'o'.repeat(40_000) } });
    const store = await AnomalyStore.open(file, 10_000, { dropped: (n) => dropped.push(n) }, 200_000);
    await store.add([1, 2, 3].map(big)); // ~80 KB each: two fit
    expect(store.query(undefined, 10).map((d) => d.event.id)).toEqual(['e3', 'e2']);
    expect(dropped).toEqual([1]);
    await store.add([big(4), doc(5)]);
    expect(store.query(undefined, 10).map((d) => d.event.id)).toEqual(['e5', 'e4', 'e3']);
    const alone = await AnomalyStore.open(path.join(path.dirname(file), 'one.ndjson'), 10, {}, 1000);
    await alone.add([big(6)]);
    expect(alone.size).toBe(1); // larger than the bound by itself: kept until a newer one comes
    await store.flush();
    expect((await AnomalyStore.open(file, 10_000, {}, 200_000)).query(undefined, 10).map((d) => d.event.id)).toEqual(['e5', 'e4', 'e3']);
  });
});
