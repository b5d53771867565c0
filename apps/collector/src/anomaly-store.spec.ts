import type { ElasticLogDocument } from '@log-sentinel/schema';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnomalyStore } from './anomaly-store';

const doc = (i: number): ElasticLogDocument => ({
  '@timestamp': new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString(),
  message: `flagged ${i}`,
  event: { id: `e${i}`, original: `flagged ${i}`, ingested: '2026-06-01T00:00:00.000Z' },
  anomaly: { is_anomaly: true, score: 0.9, reasons: ['drain.new_template'], status: 'scored' },
});

describe('AnomalyStore', () => {
  it('answers newest first after since, bounded, counting drops, and survives a restart', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'anom-')), 'anomalies.ndjson');
    const store = await AnomalyStore.open(file, 5);
    await store.add([1, 2, 3, 4, 5, 6, 7].map(doc));
    expect(store.size).toBe(5);
    expect(store.dropped).toBe(2);
    expect(store.query(new Date(Date.UTC(2026, 5, 1, 0, 0, 5)), 10).map((d) => d.event.id)).toEqual(['e7', 'e6', 'e5']);
    expect(store.query(undefined, 2).map((d) => d.event.id)).toEqual(['e7', 'e6']);
    await store.flush();
    const again = await AnomalyStore.open(file, 5);
    expect(again.query(undefined, 10).map((d) => d.event.id)).toEqual(['e7', 'e6', 'e5', 'e4', 'e3']);
  });
});
