/**
 * Retention (docs/elasticsearch.md): with ELASTIC_RETENTION_DAYS the collector deletes its
 * prefix's daily indices older than the retention, by exact name, against a real Elasticsearch.
 */
import { ES_URL, cleanedUpAfterAll, es, startIsolatedCollector, until } from './testing/harness';

jest.setTimeout(60_000);

const { procs, prefixes } = cleanedUpAfterAll();

async function indices(prefix: string): Promise<string[]> {
  const res = await fetch(new URL(`/_cat/indices/${prefix}-*?format=json&h=index`, ES_URL));
  return ((await res.json()) as Array<{ index: string }>).map((x) => x.index).sort();
}

describe('retention', () => {
  it('deletes daily indices whose day is older than ELASTIC_RETENTION_DAYS and keeps recent ones, other prefixes and the dead letters', async () => {
    const prefix = `it-retention-${Date.now()}`;
    const other = `${prefix}x`;
    prefixes.push(prefix, other);
    const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '.');
    for (const name of [`${prefix}-2020.01.01`, `${prefix}-${day(40)}`, `${prefix}-${day(5)}`, `${prefix}-deadletter`, `${other}-2020.01.01`]) await es('PUT', `/${name}`, {});
    const c = await startIsolatedCollector('retention', { ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_RETENTION_DAYS: '30', ELASTIC_RETENTION_CHECK_MS: '1000' });
    procs.push(c);
    await until(async () => (await indices(prefix)).length === 2, 20_000, 'the two expired indices deleted');
    expect(await indices(prefix)).toEqual([`${prefix}-${day(5)}`, `${prefix}-deadletter`].sort());
    expect(await indices(other)).toEqual([`${other}-2020.01.01`]);
    const metrics = await (await fetch(new URL('/metrics', c.url))).text();
    expect(metrics).toMatch(/^collector_retention_deleted_indices_total 2$/m);
    expect(metrics).toMatch(/^collector_retention_errors_total 0$/m);
    expect(metrics).toMatch(/^collector_log_lines_dropped 0$/m); // the service logger's count (service-log dropped())
  });
});
