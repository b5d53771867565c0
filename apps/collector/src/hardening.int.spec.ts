/**
 * Regression tests of issue 17 ("Hardening") that need the built collector process.
 * Each test is named after the defect it proves fixed.
 */
import { Spool } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  type Proc,
  ES_URL,
  ToggleProxy,
  cleanedUpAfterAll,
  detectorCalls,
  detectorModel,
  es,
  freePort,
  indexedDocs,
  indexedIds,
  metric,
  ndjson,
  postLogs,
  startCollector,
  startDetector,
  startIsolatedCollector,
  tmpDir,
  until,
} from './testing/harness';

jest.setTimeout(60_000);

const { procs, newPrefix } = cleanedUpAfterAll();

describe('collector hardening (issue 17)', () => {
  it('defect 12 (torn spool): a flipped length bit MUST cost one record; recovery MUST log the skipped region at error level and count it in /metrics', async () => {
    const dir = await tmpDir('torn');
    const spoolDir = path.join(dir, 'spool');
    const payload = (i: number): string => `{"id":"r${i}","ts":"2026-06-01T00:00:00.000Z","st":"pending"}\n{"message":"record ${i}"}`;
    const s = await Spool.open({ dir: spoolDir });
    await s.append(Array.from({ length: 1000 }, (_, i) => payload(i)));
    await s.close();
    const [seg] = (await fs.readdir(spoolDir)).filter((n) => n.endsWith('.seg'));
    const file = path.join(spoolDir, seg);
    const buf = await fs.readFile(file);
    let pos = 8;
    for (let i = 0; i < 10; i++) pos += 8 + Buffer.byteLength(payload(i));
    buf[pos + 3] ^= 0x10; // record 10's length field
    await fs.writeFile(file, buf);

    const c = await startIsolatedCollector('torn-run', { SPOOL_DIR: spoolDir });
    procs.push(c);
    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toMatch(/^collector_spool_recovery_skipped_regions_total 1$/m);
    expect(metrics).toMatch(new RegExp(`^collector_spool_recovery_skipped_bytes_total ${8 + Buffer.byteLength(payload(10))}$`, 'm'));
    await until(() => /"level":50[^\n]*spool recovery found damaged records/.test(c.output()), 5000, 'the error-level log line');
    const line = c.output().split('\n').find((l) => l.includes('spool recovery found damaged records'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 50, spool: { records: 999, skippedRegions: 1 } });
  });

  it('defect 4 (index explosion): 40 records with 40 distinct days from year 0000 to 9999 MUST land in the one index of the receipt day, each with its original time in event.created', async () => {
    const prefix = newPrefix('hard-time');
    const c = await startIsolatedCollector('eventtime', { ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50' });
    procs.push(c);
    const days = Array.from({ length: 40 }, (_, i) => `${String(i * 250).padStart(4, '0')}-03-0${(i % 9) + 1}T10:00:00.000Z`);
    const body = days.map((ts, i) => JSON.stringify({ '@timestamp': ts, message: `time travel ${i}` })).join('\n');
    const before = new Date();
    const r = await postLogs(c.url, body);
    expect(r.status).toBe(200);
    await until(async () => (await indexedDocs(prefix)).length === 40, 20_000, '40 documents');
    const res = await fetch(new URL(`/_cat/indices/${prefix}-*?format=json&h=index`, ES_URL));
    const indices = ((await res.json()) as Array<{ index: string }>).map((x) => x.index);
    const receiptDay = before.toISOString().slice(0, 10).replace(/-/g, '.');
    expect(indices.length).toBeLessThanOrEqual(2); // the receipt day (two only if the test runs across midnight UTC)
    expect(indices).toContain(`${prefix}-${receiptDay}`);
    const docs = await indexedDocs(prefix);
    expect(docs.map((d) => (d['event'] as { created?: string }).created).sort()).toEqual([...days].sort());
    const created = await es('POST', `/${prefix}-*/_search`, { size: 0, query: { range: { 'event.created': { lt: '1000-01-01' } } } });
    expect((created['hits'] as { total: { value: number } }).total.value).toBe(4); // event.created is a queryable date
  });

  it('defect 7 (deep JSON): an item nested 6,000 levels MUST be rejected alone (index and reason, no 5xx) while its NDJSON and array neighbours are stored', async () => {
    const c = await startIsolatedCollector('deep');
    procs.push(c);
    const deep = '{"message":"deep","a":' + '['.repeat(6000) + ']'.repeat(6000) + '}';
    const nd = await postLogs(c.url, ['{"message":"one"}', deep, '{"message":"two"}'].join('\n'));
    expect(nd.status).toBe(200);
    expect(nd.body.accepted).toBe(2);
    expect(nd.body.rejected).toEqual([expect.objectContaining({ index: 1, field: '(item)', reason: 'is nested deeper than 64 levels' })]);
    const arr = await postLogs(c.url, `[{"message":"one"},${deep},{"message":"two"}]`, 'application/json');
    expect(arr.status).toBe(200);
    expect(arr.body.accepted).toBe(2);
    expect(arr.body.rejected).toEqual([expect.objectContaining({ index: 1 })]);
  });

  it('defect 9 (acknowledged, then dead-lettered): a NUL byte in a field name MUST be sanitised (original kept) and a 40,000-character field name refused by index, before the 200; nothing acknowledged is dead-lettered', async () => {
    const prefix = newPrefix('hard-refuse');
    const c = await startIsolatedCollector('esrefuse', { ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50' });
    procs.push(c);
    const nul = JSON.stringify({ message: 'nul in a name', 'k\u0000y': 'v', labels: { 'a\u0000': 'w' } });
    const long = JSON.stringify({ message: 'long name', ['k'.repeat(40_000)]: 'v' });
    const joined = JSON.stringify({ message: 'long joined name', a: { ['b'.repeat(1000)]: { ['c'.repeat(1000)]: 'v' } } });
    const r = await postLogs(c.url, [JSON.stringify({ message: 'before' }), nul, long, joined, JSON.stringify({ message: 'after' })].join('\n'));
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(3);
    expect(r.body.rejected).toEqual([
      expect.objectContaining({ index: 2, reason: 'field name is 40000 characters; at most 1024 are accepted' }),
      expect.objectContaining({ index: 3, reason: expect.stringContaining('once nested names are joined; at most 1024') }),
    ]);
    const ids = r.body.ids as string[];
    await until(async () => (await indexedDocs(prefix)).length >= 3, 20_000, '3 documents');
    // Every spooled record's batch is settled (indexed or dead-lettered) once the queue is empty.
    await until(async () => (await metric(c.url, 'collector_queue_depth_records')) === 0, 20_000, 'every record delivered');
    const docs = await indexedDocs(prefix);
    expect(docs.map((d) => (d['event'] as { id: string }).id).sort()).toEqual([...ids].sort());
    const stored = docs.find((d) => d['message'] === 'nul in a name')!;
    expect(stored['labels']).toEqual({ 'k\ufffdy': 'v', 'a\ufffd': 'w' });
    expect((stored['event'] as { original: string }).original).toBe(nul);
    expect(await metric(c.url, 'collector_records_dead_lettered_total')).toBe(0);
  });

  it('defect 3 (memory blow-up): 8M one-character lines and a 1M-item array MUST be answered 413 before parsing; an item with too many fields is refused alone; neighbours in normal requests still stored', async () => {
    const c = await startIsolatedCollector('blowup');
    procs.push(c);
    const lines = Buffer.from('a\n'.repeat(8_000_000));
    const items = Buffer.from(`[${Array.from({ length: 1_000_000 }, () => '{"message":"x"}').join(',')}]`);
    const [text, array, normal] = await Promise.all([
      postLogs(c.url, lines, 'text/plain'),
      postLogs(c.url, items, 'application/json'),
      postLogs(c.url, ndjson('neighbour', 0, 100)),
    ]);
    expect(text.status).toBe(413);
    expect(text.body).toMatchObject({ error: 'TOO_MANY_RECORDS', message: expect.stringContaining('more than 10000 records') });
    expect(array.status).toBe(413);
    expect(array.body.error).toBe('TOO_MANY_RECORDS');
    expect(normal.status).toBe(200);
    expect(normal.body.accepted).toBe(100);
    expect(await metric(c.url, 'collector_http_too_many_records_total')).toBe(2);

    const wide = JSON.stringify({ message: 'wide', ...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, i])) });
    const mixed = await postLogs(c.url, [JSON.stringify({ message: 'left' }), wide, JSON.stringify({ message: 'right' })].join('\n'));
    expect(mixed.status).toBe(200);
    expect(mixed.body.accepted).toBe(2);
    expect(mixed.body.rejected).toEqual([{ index: 1, field: '(item)', reason: 'has more than 1000 fields' }]);
    const limit = await postLogs(c.url, ndjson('at-limit', 0, 10_000));
    expect(limit.status).toBe(200); // exactly MAX_RECORDS_PER_REQUEST is accepted
  });

  it('defect 8 (slow bodies): connections stalling in the body or trickling a body MUST be closed after the HTTP timeouts and counted; POST /logs then answers 200 again', async () => {
    const c = await startIsolatedCollector('slow', { HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '3000', HTTP_BODY_IDLE_TIMEOUT_MS: '500', MAX_INFLIGHT_REQUESTS: '13' });
    procs.push(c);
    const { port } = new URL(c.url);
    const head = 'POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n';
    const timers: NodeJS.Timeout[] = [];
    const open = (first: string, trickle: boolean): Promise<void> =>
      new Promise((resolve) => {
        const s = net.connect(Number(port), '127.0.0.1', () => {
          s.write(first);
          if (trickle) timers.push(setInterval(() => s.writable && s.write('x'), 200));
        });
        s.on('error', () => undefined);
        s.on('close', () => resolve());
      });
    const bodies = Array.from({ length: 10 }, () => open(`${head}partial`, false));
    const trickles = Array.from({ length: 3 }, () => open(`${head}x`, true));
    await new Promise((r) => setTimeout(r, 200)); // every slow request admitted
    const during = await postLogs(c.url, ndjson('during', 0, 1));
    expect(during.status).toBe(429); // 13 slow bodies hold every slot …
    await Promise.all([...bodies, ...trickles]);
    for (const t of timers) clearInterval(t);
    const after = await postLogs(c.url, ndjson('after', 0, 5));
    expect(after.status).toBe(200); // … until they are closed
    const text = await (await fetch(`${c.url}/metrics`)).text();
    expect(text).toMatch(/^collector_http_slow_clients_closed_total\{reason="body_idle"\} 10$/m);
    expect(text).toMatch(/^collector_http_slow_clients_closed_total\{reason="request"\} 3$/m);
  });

  it('defect 8 (slow bodies): a connection that stalls in its headers MUST be answered 408 and closed after HTTP_HEADERS_TIMEOUT_MS, and counted', async () => {
    const c = await startIsolatedCollector('slowhead', { HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '3000' });
    procs.push(c);
    const { port } = new URL(c.url);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        new Promise<string>((resolve) => {
          let got = '';
          const s = net.connect(Number(port), '127.0.0.1', () => s.write('POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
          s.on('data', (d) => (got += d.toString()));
          s.on('error', () => undefined);
          s.on('close', () => resolve(got));
        }),
      ),
    );
    expect(replies.every((r) => r.startsWith('HTTP/1.1 408'))).toBe(true);
    expect(await metric(c.url, 'collector_http_slow_clients_closed_total')).toBe(5);
  });

  it('defect 13 (pending becomes learning): pending records re-scored by a detector restarted without a model MUST stay pending, from the spool and in Elasticsearch, and MUST NOT become its training data', async () => {
    const dir = await tmpDir('learning');
    const prefix = newPrefix('hard-learning');
    const port = await freePort();
    const proxy = new ToggleProxy();
    await proxy.start(new URL(ES_URL));
    proxy.up = true;
    const c = await startCollector({
      SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off',
      ELASTIC_ADDR: `http://127.0.0.1:${proxy.port}`, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50', ELASTIC_RETRY_BASE_MS: '50', ELASTIC_RETRY_MAX_MS: '400',
      DETECTOR_ADDR: `127.0.0.1:${port}`, DETECTOR_BREAKER_RESET_MS: '300', DETECTOR_DEADLINE_MS: '1500', DETECTOR_HOLD_MS: '0', RESCORE_INTERVAL_MS: '300',
    });
    procs.push(c);
    let learner: Proc | undefined;
    try {
      // The detector is down: 60 records reach Elasticsearch as pending, 60 more wait in the spool (Elasticsearch down too).
      expect((await postLogs(c.url, ndjson('indexed', 0, 60))).status).toBe(200);
      await until(async () => (await indexedDocs(prefix)).length === 60, 20_000, '60 pending documents');
      proxy.down();
      expect((await postLogs(c.url, ndjson('spooled', 0, 60))).status).toBe(200);
      // The detector comes back without a model; its learning target (100) is below the 120 pending records.
      learner = await startDetector(port, path.join(dir, 'empty-models'), { DETECTOR_LEARNING_RECORDS: '100' });
      procs.push(learner);
      proxy.up = true;
      // The pending spool's dry-run passes ask it, for the records indexed and those that waited for Elasticsearch alike.
      await until(async () => (await indexedDocs(prefix)).length === 120 && (await detectorCalls(c.url)) >= 3, 30_000, '120 documents and 3 answered re-scores');
      const calls = await detectorCalls(c.url);
      await until(async () => (await detectorCalls(c.url)) >= calls + 2, 30_000, 'two more answered re-scores'); // a few more re-score passes
      const docs = await indexedDocs(prefix);
      expect(docs).toHaveLength(120);
      expect(new Set(docs.map((d) => (d['anomaly'] as { status: string }).status))).toEqual(new Set(['pending']));
      expect(docs.filter((d) => String(d['message']).startsWith('spooled')).length).toBe(60);
      expect(await metric(c.url, 'collector_records_rescored_total')).toBe(0);
      // Re-scores are dry runs: nothing entered the learning buffer, so no first model was trained from them.
      expect(await detectorModel(port)).toEqual({ version: '', learningRecords: 0 });
      // A live record is still learning data, and is stored as learning: the dry run changed nothing else.
      const live = await postLogs(c.url, ndjson('live', 0, 1));
      expect(live.status).toBe(200);
      await until(async () => (await indexedDocs(prefix)).length === 121, 20_000, 'the live record');
      const liveDoc = (await indexedDocs(prefix)).find((d) => d['message'] === 'live record 0')!;
      expect((liveDoc['anomaly'] as { status: string }).status).toBe('learning');
      expect((await detectorModel(port)).learningRecords).toBe(1);
    } finally {
      await c.stop();
      await learner?.stop();
      await proxy.close();
    }
  });

  it('defect 6 (spool wedge): a delivered active segment MUST be sealed by age (SPOOL_SEGMENT_MAX_AGE_MS) so a request refused as full is accepted later; while the spool refuses intake /readyz MUST answer 503 with spool "full"', async () => {
    const dir = await tmpDir('wedge');
    const prefix = newPrefix('hard-wedge');
    const c = await startCollector({
      SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off', DETECTOR_ADDR: 'off',
      ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50',
      SPOOL_MAX_BYTES: String(2 * 1024 * 1024), SPOOL_SEGMENT_BYTES: String(512 * 1024), SPOOL_SEGMENT_MAX_AGE_MS: '6000',
    });
    procs.push(c);
    // One budget for the spools (B1): intake refuses past 2 MiB less one segment and two steps of 256 KiB = 1 MiB.
    const intakeLimit = 2 * 1024 * 1024 - (512 * 1024 + 2 * 256 * 1024);
    const big = (tag: string, n: number): string => Array.from({ length: n }, (_, i) => JSON.stringify({ message: `${tag} ${i} ${'x'.repeat(1000)}` })).join('\n');
    // Fill the active segment below its size bound; everything is delivered, but the segment stays.
    const started = Date.now();
    const first = await postLogs(c.url, big('first', 150));
    expect(first.status).toBe(200);
    await until(async () => (await indexedIds(prefix)).length === 150, 20_000, '150 documents');
    const perRecord = (await metric(c.url, 'collector_spool_bytes{spool="intake"}')) / 150;
    expect(perRecord).toBeGreaterThan(1000);
    // A request that fits in an empty spool but not next to the delivered segments (intake and scored) is refused …
    const n = Math.floor((intakeLimit - 64 * 1024) / perRecord);
    expect((n + 150) * perRecord).toBeGreaterThan(intakeLimit);
    const wedged = await postLogs(c.url, big('second', n));
    expect(Date.now() - started).toBeLessThan(5000); // still before the segment's age bound
    expect(wedged.status).toBe(503);
    const notReady = await fetch(`${c.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: { spool: string } }).checks.spool).toBe('full');
    // … until the segment is sealed by age and deleted: then the same request is accepted.
    let retried = wedged;
    const end = Date.now() + 20_000;
    while (retried.status === 503 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 500));
      retried = await postLogs(c.url, big('second', n));
    }
    expect(retried.status).toBe(200);
    await until(async () => (await indexedIds(prefix)).length === 150 + n, 20_000, 'every accepted document');
    expect(new Set(await indexedIds(prefix)).size).toBe(150 + n);
    await until(async () => (await fetch(`${c.url}/readyz`)).status === 200, 10_000, '/readyz ready again');
  });

  it('fuzz finding (issue 17): an item too large to store (escaped, with event.original) MUST be refused alone by index over HTTP, and dead-lettered from a file which goes on; neighbours stored', async () => {
    const dir = await tmpDir('oversized');
    const watch = path.join(dir, 'watch');
    await fs.mkdir(watch);
    const c = await startCollector({ SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: watch, FILE_POLL_INTERVAL_MS: '100', DETECTOR_ADDR: 'off', ELASTIC_ADDR: 'off' });
    procs.push(c);
    // 700,000 NUL characters (under the 1 Mi-character line limit) escape to 4.2 MB in message and
    // again in event.original: above the spool's 8 MiB record limit.
    const r = await postLogs(c.url, `small\n${'\u0000'.repeat(700_000)}\n\nafter\n`, 'text/plain');
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toEqual([{ index: 1, field: '(item)', reason: expect.stringMatching(/^would be \d+ bytes once stored .*; at most \d+ are accepted$/) }]);
    const alone = await postLogs(c.url, '\u0000'.repeat(700_000), 'text/plain');
    expect(alone.status).toBe(413);
    expect(alone.body.error).toBe('RECORD_TOO_LARGE');
    // The same line in a watched file is dead-lettered and the file goes on.
    await fs.writeFile(path.join(watch, 'nul.log'), `{"message":"before"}\n${'\u0000'.repeat(700_000)}\n{"message":"after"}\n`);
    await until(async () => (await metric(c.url, 'collector_records_spooled_total')) === 4, 20_000, 'both neighbours of the NUL line spooled');
    expect(await metric(c.url, 'collector_records_rejected_total{source="file"}')).toBe(1);
    const letters = (await fs.readFile(path.join(dir, 'state', 'dead-letter.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { dead_letter: { reason: string } });
    expect(letters).toHaveLength(1);
    expect(letters[0]!.dead_letter.reason).toMatch(/once stored/);
    // A shipper protocol refuses it alone too: Elasticsearch _bulk answers per item.
    const bulk = await fetch(`${c.url}/es/app/_bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `{"index":{}}\n{"message":"bulk neighbour"}\n{"index":{}}\n${JSON.stringify({ message: '\u0000'.repeat(700_000) })}\n`,
    });
    expect(bulk.status).toBe(200);
    const reply = (await bulk.json()) as { errors: boolean; items: Array<{ index: { status: number; error?: { reason: string } } }> };
    expect(reply.errors).toBe(true);
    expect(reply.items.map((i) => i.index.status)).toEqual([201, 400]);
    expect(reply.items[1]!.index.error!.reason).toMatch(/once stored/);
    await until(async () => (await metric(c.url, 'collector_records_spooled_total')) === 5, 20_000, 'the bulk neighbour spooled');
  });
});
