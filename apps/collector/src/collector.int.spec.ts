/**
 * Delivery guarantees of the collector against real processes: the built collector, the
 * real local Elasticsearch (behind a TCP proxy we can take down), the real detector.
 * Each test names the sentence of docs/collector.md it proves.
 */
import { loadCheckpoints } from '@log-sentinel/file-tail';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ES_URL,
  ToggleProxy,
  cleanedUpAfterAll,
  freePort,
  indexedDocs,
  indexedIds,
  ndjson,
  postLogs,
  startCollector,
  startDetector,
  tmpDir,
  until,
  type CollectorProc, metric, detectorCalls, detectorModel } from './testing/harness';
import { copyTrainedModel, trainedModelBeforeAll } from './testing/trained-model';

const FAST = {
  ELASTIC_FLUSH_INTERVAL_MS: '50',
  ELASTIC_RETRY_BASE_MS: '50',
  ELASTIC_RETRY_MAX_MS: '400',
  FILE_POLL_INTERVAL_MS: '100',
  FILE_SHORT_IDLE_MS: '200',
  RESCORE_INTERVAL_MS: '300',
  DETECTOR_BREAKER_RESET_MS: '300',
  DETECTOR_DEADLINE_MS: '1500',
  // Pending at once (the G5 sentences); the hold itself is proved by scoring.int.spec.ts.
  DETECTOR_HOLD_MS: '0',
};

jest.setTimeout(120_000);

const { procs, newPrefix: newIndexPrefix } = cleanedUpAfterAll('kill9');
const newPrefix = (tag: string): string => newIndexPrefix(`coll-${tag}`);

async function collector(env: Record<string, string>, tag: string): Promise<CollectorProc> {
  const dir = await tmpDir(tag);
  const c = await startCollector({ SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off', DETECTOR_ADDR: 'off', ...FAST, ...env });
  procs.push(c);
  return c;
}

const work = trainedModelBeforeAll('models');


/** The detector's GetModel learning_records. */
const learningRecords = async (port: number): Promise<number> => (await detectorModel(port)).learningRecords;

describe('collector delivery guarantees (real Elasticsearch, real processes)', () => {
  it('G2: records accepted while Elasticsearch is unreachable MUST be replayed into it exactly once when it answers again', async () => {
    const proxy = new ToggleProxy();
    await proxy.start(new URL(ES_URL));
    proxy.up = true;
    const prefix = newPrefix('outage');
    const c = await collector({ ELASTIC_ADDR: `http://127.0.0.1:${proxy.port}`, ELASTIC_INDEX: prefix }, 'outage');
    const acked: string[] = [];
    const first = await postLogs(c.url, ndjson('before', 0, 200));
    expect(first.status).toBe(200);
    acked.push(...(first.body.ids as string[]));
    await until(async () => (await indexedIds(prefix)).length === 200, 20_000, '200 documents');

    const unreachable = async (): Promise<number> => (await metric(c.url, 'collector_elastic_bulk_requests_total{outcome="unreachable"}')) || 0;
    const unreachableBefore = await unreachable();
    proxy.down();
    for (let b = 0; b < 4; b++) {
      const r = await postLogs(c.url, ndjson('during', b * 200, 200));
      expect(r.status).toBe(200); // durable in the spool although Elasticsearch is down
      acked.push(...(r.body.ids as string[]));
    }
    // The collector tried to deliver them and found Elasticsearch unreachable: nothing more was indexed.
    await until(async () => (await unreachable()) > unreachableBefore, 20_000, 'a _bulk attempt during the outage');
    expect((await indexedIds(prefix)).length).toBe(200);
    expect(await metric(c.url, 'collector_queue_depth_records')).toBe(800);

    proxy.up = true;
    await until(async () => (await indexedIds(prefix)).length >= 1000, 30_000, 'replay of 800 documents');
    await until(async () => (await metric(c.url, 'collector_queue_depth_records')) === 0, 30_000, 'every spooled record acknowledged');
    const ids = await indexedIds(prefix);
    expect(ids.length).toBe(1000);
    expect(new Set(ids)).toEqual(new Set(acked));
    expect(await metric(c.url, 'collector_records_replayed_total')).toBeGreaterThanOrEqual(1);
    expect(await metric(c.url, 'collector_queue_depth_records')).toBe(0);
    await c.stop();
    await proxy.close();
  });

  it('G1: every record acknowledged with a 2xx MUST be indexed exactly once after a kill -9 of the collector mid-stream', async () => {
    const prefix = newPrefix('kill9');
    const dir = await tmpDir('kill9');
    const env = { ELASTIC_INDEX: prefix, SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state') };
    // Elasticsearch goes away mid-stream, so the kill leaves a backlog in the spool as well as bulks in flight.
    const proxy = new ToggleProxy();
    await proxy.start(new URL(ES_URL));
    proxy.up = true;
    const a = await collector({ ...env, ELASTIC_ADDR: `http://127.0.0.1:${proxy.port}` }, 'kill9a');
    const acked: string[] = [];
    let sent = 0;
    let stop = false;
    const client = async (k: number): Promise<void> => {
      for (let b = 0; !stop; b++) {
        const body = ndjson(`kill9-${k}`, b * 100, 100);
        sent += 100;
        try {
          const r = await postLogs(a.url, body);
          if (r.status === 200) acked.push(...(r.body.ids as string[]));
        } catch {
          return; // connection cut by the kill: not acknowledged
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await until(() => acked.length >= 1500, 30_000, '1500 acknowledged records');
    proxy.down();
    await until(() => acked.length >= 3000, 30_000, '3000 acknowledged records');
    await a.kill9();
    stop = true;
    await Promise.all(clients);
    await proxy.close();
    const b = await collector({ ...env, ELASTIC_ADDR: ES_URL }, 'kill9b');
    await until(async () => {
      const ids = new Set(await indexedIds(prefix));
      return acked.every((id) => ids.has(id));
    }, 60_000, 'every acknowledged record indexed');
    await until(async () => (await metric(b.url, 'collector_queue_depth_records')) === 0, 30_000, 'spool drained');
    const ids = await indexedIds(prefix);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect(ids.length).toBeLessThanOrEqual(sent);
    expect(await metric(b.url, 'collector_records_replayed_total')).toBeGreaterThan(0); // the backlog came from the recovered spool
    await b.stop();
  });

  it('G4: every line of a watched file MUST be indexed exactly once across rename and copytruncate rotation', async () => {
    const prefix = newPrefix('rotate');
    const watch = await tmpDir('watch');
    const file = path.join(watch, 'app.log');
    const lines = (tag: string, from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `2026-06-01T12:00:00Z INFO ${tag} line ${from + i}\n`).join('');
    await fs.writeFile(file, lines('first', 0, 100));
    const state = await tmpDir('rotate-state');
    const c = await collector({ ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, LOG_SENTINEL_DIR: watch, COLLECTOR_STATE_DIR: state }, 'rotate');
    await until(async () => (await indexedIds(prefix)).length === 100, 20_000, '100 file lines');
    // Rename rotation; the writer still appends to the renamed file for a moment.
    await fs.appendFile(file, lines('first', 100, 150));
    await fs.rename(file, path.join(watch, 'app.log.1'));
    await fs.appendFile(path.join(watch, 'app.log.1'), lines('first', 150, 160));
    await fs.writeFile(file, lines('second', 0, 60));
    await until(async () => (await indexedIds(prefix)).length === 220, 20_000, 'lines after rename rotation');
    // copytruncate rotation.
    await fs.appendFile(file, lines('second', 60, 100));
    await fs.copyFile(file, path.join(watch, 'app.log.2'));
    await fs.truncate(file, 0);
    await fs.appendFile(file, lines('third', 0, 50));
    await until(async () => (await indexedIds(prefix)).length >= 310, 20_000, 'lines after copytruncate rotation');
    // Nothing is left to read (a re-read would come from here): every file's checkpoint is at its end, and all is delivered.
    await until(
      async () => {
        const { checkpoints } = await loadCheckpoints(path.join(state, 'file-checkpoints.json'));
        const atEnd = async (name: string): Promise<boolean> => {
          const size = (await fs.stat(path.join(watch, name))).size;
          return [...checkpoints.values()].some((cp) => cp.path === path.join(watch, name) && cp.offset === size);
        };
        return (await Promise.all((await fs.readdir(watch)).map(atEnd))).every(Boolean) && (await metric(c.url, 'collector_queue_depth_records')) === 0;
      },
      20_000,
      'every rotated file read to its end and delivered',
    );
    const docs = await indexedDocs(prefix);
    const messages = docs.map((d) => String(d['event'] && (d['event'] as { original: string }).original)).sort();
    const expected = [lines('first', 0, 160), lines('second', 0, 100), lines('third', 0, 50)].join('').trimEnd().split('\n').sort();
    expect(messages).toEqual(expected);
    await c.stop();
  });

  it('G5: when the detector is unreachable records MUST be stored with anomaly.status "pending" and MUST be re-scored once it answers (as dry runs: a detector without a model leaves them pending and learns nothing)', async () => {
    const prefix = newPrefix('pending');
    const port = await freePort();
    const c = await collector({ ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, DETECTOR_ADDR: `127.0.0.1:${port}` }, 'pending');
    const started = Date.now();
    const r = await postLogs(c.url, ndjson('pending', 0, 20));
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000); // ingest never waits long on the detector
    await until(async () => (await indexedDocs(prefix)).length === 20, 20_000, '20 documents');
    const before = await indexedDocs(prefix);
    expect(before.every((d) => (d['anomaly'] as { status: string }).status === 'pending')).toBe(true);

    // A detector restarted without a model: re-scores are dry runs, so it learns nothing from
    // them, and its "learning" answers leave the records pending.
    const learner = await startDetector(port, path.join(await tmpDir('empty-models'), 'models'), { DETECTOR_LEARNING_RECORDS: '1000000' });
    try {
      await until(async () => (await metric(c.url, 'collector_records_rescored_total')) === 0 && (await detectorCalls(c.url)) >= 3, 20_000, 're-score attempts');
      expect((await indexedDocs(prefix)).every((d) => (d['anomaly'] as { status: string }).status === 'pending')).toBe(true);
      expect(await learningRecords(port)).toBe(0);
    } finally {
      await learner.stop();
    }

    const detector = await startDetector(port, await copyTrainedModel(work(), path.join(await tmpDir('models'), 'models')));
    try {
      await until(
        async () => (await indexedDocs(prefix)).every((d) => (d['anomaly'] as { status: string }).status !== 'pending'),
        40_000,
        'pending records re-scored',
      );
      const after = await indexedDocs(prefix);
      expect(after.length).toBe(20);
      expect(after.every((d) => (d['anomaly'] as { status: string }).status === 'scored')).toBe(true);
      expect(await metric(c.url, 'collector_records_rescored_total')).toBeGreaterThanOrEqual(20);
    } finally {
      await c.stop();
      await detector.stop();
    }
  });

  it('G6, G7: malformed JSON MUST get 400 with nothing stored; a bad NDJSON line MUST be rejected with its index while its neighbours are stored', async () => {
    const prefix = newPrefix('http');
    const c = await collector({ ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, API_KEYS: 'k1,k2', MAX_BODY_BYTES: '4096' }, 'http');
    const auth = { authorization: 'Bearer k2' };
    expect((await postLogs(c.url, ndjson('x', 0, 1))).status).toBe(401);

    const bad = await postLogs(c.url, '{"message": "unterminated', 'application/json', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('INVALID_JSON');

    const body = [JSON.stringify({ message: 'neighbour one', level: 'INFO' }), '{not json', JSON.stringify({ message: 'neighbour two', level: 'WARN' })].join('\n');
    const mixed = await postLogs(c.url, body, 'application/x-ndjson', auth);
    expect(mixed.status).toBe(200);
    expect(mixed.body.accepted).toBe(2);
    expect(mixed.body.rejected).toEqual([expect.objectContaining({ index: 1, field: '(line)' })]);

    const gz = await postLogs(c.url, gzipSync(ndjson('gzip', 0, 3)), 'application/x-ndjson', { ...auth, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.body.accepted).toBe(3);

    const big = await postLogs(c.url, ndjson('big', 0, 100), 'application/x-ndjson', auth);
    expect(big.status).toBe(413);

    await until(async () => (await indexedIds(prefix)).length === 5, 20_000, 'accepted records indexed');
    const docs = await indexedDocs(prefix);
    expect(docs.map((d) => d['message']).sort()).toEqual(['gzip record 0', 'gzip record 1', 'gzip record 2', 'neighbour one', 'neighbour two']);
    await c.stop();
  });

  it('G8: when the spool is full POST /logs MUST answer 503 with Retry-After and store nothing of that request; nothing accepted is dropped', async () => {
    const c = await collector({ ELASTIC_ADDR: 'off', SPOOL_MAX_BYTES: String(1024 * 1024), SPOOL_SEGMENT_BYTES: String(256 * 1024) }, 'full');
    let accepted = 0;
    let refused: Awaited<ReturnType<typeof postLogs>> | undefined;
    for (let b = 0; b < 100 && !refused; b++) {
      const r = await postLogs(c.url, ndjson('fill', b * 500, 500));
      if (r.status === 200) accepted += r.body.accepted as number;
      else refused = r;
    }
    expect(refused?.status).toBe(503);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(503);
    expect(await metric(c.url, 'collector_queue_depth_records')).toBe(accepted);
    await c.stop();
  });
  it('G16: SIGTERM MUST finish in-flight requests, flush and exit 0; what was accepted MUST be delivered after the restart', async () => {
    const prefix = newPrefix('sigterm');
    const dir = await tmpDir('sigterm');
    const state = { SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state') };
    const a = await collector({ ...state, ELASTIC_ADDR: 'off' }, 'sigterm-a');
    const first = await postLogs(a.url, ndjson('term', 0, 300));
    expect(first.status).toBe(200);
    const inflight = postLogs(a.url, ndjson('term', 300, 300));
    await new Promise((r) => setTimeout(r, 5));
    const code = a.stop();
    const reply = await inflight.catch(() => undefined);
    expect(await code).toBe(0);
    const acked = [...(first.body.ids as string[]), ...(reply?.status === 200 ? (reply.body.ids as string[]) : [])];
    expect(acked.length).toBeGreaterThanOrEqual(300);
    const local = await (async () => {
      const b0 = await collector({ ...state, ELASTIC_ADDR: 'off' }, 'sigterm-b0');
      const res = (await (await fetch(`${b0.url}/anomalies?limit=5`)).json()) as { source: string };
      expect(await metric(b0.url, 'collector_queue_depth_records')).toBe(acked.length);
      await b0.stop();
      return res;
    })();
    expect(local.source).toBe('local');
    const b = await collector({ ...state, ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix }, 'sigterm-b');
    await until(async () => (await indexedIds(prefix)).length >= acked.length && (await metric(b.url, 'collector_queue_depth_records')) === 0, 20_000, 'delivery after restart');
    expect(new Set(await indexedIds(prefix))).toEqual(new Set(acked));
    await b.stop();
  });
  it('G17: past MAX_INFLIGHT_REQUESTS, POST /logs MUST answer 429 with Retry-After and store nothing of that request', async () => {
    const c = await collector({ ELASTIC_ADDR: 'off', MAX_INFLIGHT_REQUESTS: '1' }, 'throttle');
    const replies = await Promise.all(Array.from({ length: 20 }, (_, k) => postLogs(c.url, ndjson(`busy-${k}`, 0, 1000))));
    const throttled = replies.filter((r) => r.status === 429);
    const ok = replies.filter((r) => r.status === 200);
    expect(throttled.length).toBeGreaterThan(0);
    expect(ok.length + throttled.length).toBe(20);
    expect(Number(throttled[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await metric(c.url, 'collector_queue_depth_records')).toBe(ok.length * 1000);
    await c.stop();
  });
});
