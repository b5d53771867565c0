/**
 * The scoring stage against real processes (the built collector, the real detector, the
 * real local Elasticsearch): intake never waits on the detector, and a detector outage
 * costs no verdict. Each test names the sentence of docs/collector.md it proves.
 */
import * as path from 'node:path';
import { threadNiceValues } from '@log-sentinel/scoring';
import { ES_URL, cleanedUpAfterAll, detectorCalls, freePort, indexedDocs, metric, ndjson, postLogs, startCollector, startDetector, startIsolatedCollector, tmpDir, until } from './testing/harness';
import { copyTrainedModel, trainedModelBeforeAll } from './testing/trained-model';

jest.setTimeout(300_000);

const { procs, newPrefix } = cleanedUpAfterAll('kill9');
const work = trainedModelBeforeAll('scoring-models');

const status = (d: Record<string, unknown>): string => (d['anomaly'] as { status: string }).status;

async function readiness(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/readyz`);
  return ((await res.json()) as { checks: Record<string, string> }).checks;
}

describe('scoring stage (real collector, detector and Elasticsearch)', () => {
  it('SC1, SC2: detector down for 60 s: every record scored after it returns, and intake keeps answering 200 meanwhile', async () => {
    const dir = await tmpDir('detector-down');
    const prefix = newPrefix('scoring-down');
    const port = await freePort();
    const downAt = Date.now();
    const c = await startCollector({
      SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off',
      ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50',
      DETECTOR_ADDR: `127.0.0.1:${port}`, DETECTOR_DEADLINE_MS: '1000', DETECTOR_BREAKER_RESET_MS: '1000', RESCORE_INTERVAL_MS: '500',
      DETECTOR_HOLD_MS: '20000',
    });
    procs.push(c);
    // Nothing listens on the detector's port for 60 s. Intake goes on: every POST is answered
    // 200, and while it is, the scoring stage reports it is holding (it has no verdict to give),
    // so the acknowledgements cannot have waited for one.
    let posted = 0;
    let answeredWhileHolding = 0;
    while (Date.now() - downAt < 60_000) {
      const r = await postLogs(c.url, ndjson(`down${posted}`, 0, 10));
      expect(r.status).toBe(200);
      posted += 10;
      if ((await readiness(c.url)).scoring === 'holding' && (await metric(c.url, 'collector_scoring_holding')) === 1) answeredWhileHolding++;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(answeredWhileHolding).toBeGreaterThan(10);
    expect(await metric(c.url, 'collector_records_spooled_total')).toBe(posted);
    // Past DETECTOR_HOLD_MS the held records were written as pending (delivered, not lost).
    await until(async () => (await indexedDocs(prefix)).length === posted, 30_000, `${posted} documents indexed while the detector is down`);
    expect((await indexedDocs(prefix)).every((d) => status(d) === 'pending')).toBe(true);
    expect(await detectorCalls(c.url)).toBe(0);

    const detector = await startDetector(port, await copyTrainedModel(work(), path.join(await tmpDir('scoring-down-models'), 'models')));
    procs.push(detector);
    // The detector is back: every record gets its verdict, from the pending spool (dry runs).
    await until(async () => (await indexedDocs(prefix)).every((d) => status(d) === 'scored'), 60_000, 'every record scored');
    const docs = await indexedDocs(prefix);
    expect(docs).toHaveLength(posted);
    expect(new Set(docs.map((d) => (d['event'] as { id: string }).id)).size).toBe(posted);
    expect(await metric(c.url, 'collector_records_rescored_total')).toBe(posted);
    // A record sent now is scored live, once.
    expect((await postLogs(c.url, ndjson('after', 0, 5))).status).toBe(200);
    await until(async () => (await indexedDocs(prefix)).length === posted + 5, 20_000, 'records after the outage');
    expect((await indexedDocs(prefix)).filter((d) => String(d['message']).startsWith('after')).every((d) => status(d) === 'scored')).toBe(true);
    expect((await readiness(c.url)).scoring).toBe('ok');
    await c.stop();
    await detector.stop();
  });

  it('SC3: a detector back within DETECTOR_HOLD_MS scores the held records live, in order, each once; none is written as pending', async () => {
    const dir = await tmpDir('detector-blip');
    const prefix = newPrefix('scoring-blip');
    const port = await freePort();
    const c = await startCollector({
      SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_SENTINEL_DIR: 'off',
      ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, ELASTIC_FLUSH_INTERVAL_MS: '50',
      DETECTOR_ADDR: `127.0.0.1:${port}`, DETECTOR_DEADLINE_MS: '1000', DETECTOR_BREAKER_RESET_MS: '500',
      DETECTOR_HOLD_MS: '120000',
    });
    procs.push(c);
    expect((await postLogs(c.url, ndjson('held', 0, 50))).status).toBe(200);
    await until(async () => (await readiness(c.url)).scoring === 'holding', 10_000, 'the stage holding');
    expect(await indexedDocs(prefix)).toHaveLength(0);
    const detector = await startDetector(port, await copyTrainedModel(work(), path.join(await tmpDir('scoring-blip-models'), 'models')));
    procs.push(detector);
    await until(async () => (await indexedDocs(prefix)).length === 50, 30_000, '50 documents');
    const docs = await indexedDocs(prefix);
    expect(docs.every((d) => status(d) === 'scored')).toBe(true);
    expect(await metric(c.url, 'collector_records_pending_total')).toBe(0);
    expect(await metric(c.url, 'collector_records_rescored_total')).toBe(0);
    await c.stop();
    await detector.stop();
  });

  it('SC5: the scoring stage runs in a worker thread (SCORING_THREAD=worker; the default with a detector) that lowers its own CPU priority (SCORING_THREAD_NICE): exactly one thread of the collector has that nice value, and the main (intake) thread and the thread pool keep 0', async () => {
    const c = await startIsolatedCollector('scoring-nice', { SCORING_THREAD: 'worker', SCORING_THREAD_NICE: '7' });
    procs.push(c);
    expect((await postLogs(c.url, ndjson('nice', 0, 20))).status).toBe(200);
    const pid = c.child.pid!;
    const nice = await threadNiceValues(pid);
    expect(nice.get(pid)).toBe(0);
    const lowered = [...nice].filter(([, n]) => n !== 0);
    expect(lowered).toHaveLength(1);
    expect(lowered[0]).toEqual([expect.any(Number), 7]);
    expect(lowered[0]![0]).not.toBe(pid);
    // The worker read the 20 records from the main thread's intake spool and had them appended to the scored spool.
    await until(async () => (await metric(c.url, 'collector_spool_bytes{spool="scored"}')) > 8, 10_000, 'the records in the scored spool');
    await c.stop();

    // SCORING_THREAD=main: no thread is lowered.
    const m = await startIsolatedCollector('scoring-main', { SCORING_THREAD: 'main', SCORING_THREAD_NICE: '7' });
    procs.push(m);
    expect((await postLogs(m.url, ndjson('main', 0, 20))).status).toBe(200);
    expect([...(await threadNiceValues(m.child.pid!)).values()].every((n) => n === 0)).toBe(true);
    await m.stop();
  });
});
