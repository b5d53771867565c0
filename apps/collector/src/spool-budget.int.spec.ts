/**
 * SPOOL_MAX_BYTES is one budget for the intake, scored and pending spools together
 * (docs/collector.md, "The spool": B1). The built collector against the real local
 * Elasticsearch behind a proxy that is first down, then up.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ES_URL, ToggleProxy, cleanedUpAfterAll, indexedIds, ndjson, postLogs, startCollector, tmpDir, until } from './testing/harness';

jest.setTimeout(180_000);

const { procs, newPrefix } = cleanedUpAfterAll('stop');

/** Bytes of every file under `dir` (files deleted meanwhile count 0). */
async function bytesUnder(dir: string): Promise<number> {
  let sum = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sum += await bytesUnder(p);
    else sum += await fs.stat(p).then((s) => s.size, () => 0);
  }
  return sum;
}

describe('spool budget (real collector and Elasticsearch)', () => {
  it('B1: with Elasticsearch down then up, the bytes on disk under SPOOL_DIR MUST never exceed SPOOL_MAX_BYTES (1 MiB, 512 KiB segments), intake MUST answer 503 once the budget is used, and every acknowledged record MUST be indexed exactly once', async () => {
    const B = 1024 * 1024;
    const dir = await tmpDir('spool-budget');
    const spoolDir = path.join(dir, 'spool');
    const proxy = new ToggleProxy();
    await proxy.start(new URL(ES_URL));
    const prefix = newPrefix('budget');
    const c = await startCollector({
      SPOOL_DIR: spoolDir, COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off', DETECTOR_ADDR: 'off',
      ELASTIC_ADDR: `http://127.0.0.1:${proxy.port}`, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50',
      SPOOL_MAX_BYTES: String(B), SPOOL_SEGMENT_BYTES: String(512 * 1024), SPOOL_SEGMENT_MAX_AGE_MS: '1000',
    });
    procs.push(c);
    let maxSeen = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxSeen = Math.max(maxSeen, await bytesUnder(spoolDir));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const acked: string[] = [];
    let refused = 0;
    let n = 0;
    // Elasticsearch down: post until the budget refuses for a while.
    const downUntil = Date.now() + 8000;
    while (Date.now() < downUntil) {
      const r = await postLogs(c.url, ndjson('budget', n, 50));
      n += 50;
      if (r.status === 200) acked.push(...(r.body.ids as string[]));
      else {
        expect(r.status).toBe(503);
        refused++;
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThan(0);
    // Elasticsearch up: the backlog drains, intake accepts again, nothing acknowledged is lost.
    proxy.up = true;
    for (let i = 0; i < 40; i++) {
      const r = await postLogs(c.url, ndjson('after', i * 50, 50));
      if (r.status === 200) acked.push(...(r.body.ids as string[]));
      await new Promise((res) => setTimeout(res, 100));
    }
    await until(async () => (await indexedIds(prefix)).length >= acked.length, 60_000, `${acked.length} acknowledged records indexed`);
    sampling = false;
    await sampler;
    const ids = await indexedIds(prefix);
    expect(ids.length).toBe(acked.length);
    expect(new Set(ids)).toEqual(new Set(acked));
    expect(maxSeen).toBeGreaterThan(B / 4);
    expect(maxSeen).toBeLessThanOrEqual(B);
    await c.stop();
    await proxy.close();
  });
});
