/* eslint-disable @typescript-eslint/no-explicit-any -- documents read back from Elasticsearch are walked loosely in assertions */
/**
 * Detection as users get it (docs/collector.md "Session verdicts", docs/api.md "POST
 * /feedback", "GET /anomalies"): the built collector, the real detector process serving a
 * model it trained itself, the real local Elasticsearch (behind a proxy we can take down).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ES_URL, ROOT, ToggleProxy, cleanedUpAfterAll, freePort, indexedDocs, postLogs, startCollector, startDetector, tmpDir, until, type CollectorProc, type Proc } from './testing/harness';
import { copyTrainedModel, flowOf, trainedModelBeforeAll } from './testing/trained-model';

jest.setTimeout(240_000);

const { procs, newPrefix } = cleanedUpAfterAll('kill9');
const work = trainedModelBeforeAll('detection');

const FAST = { ELASTIC_FLUSH_INTERVAL_MS: '50', ELASTIC_RETRY_BASE_MS: '50', ELASTIC_RETRY_MAX_MS: '400', DETECTOR_DEADLINE_MS: '5000', LOG_SENTINEL_DIR: 'off' };

/** NDJSON of a session's messages; no timestamp, like the training records (receipt time is used). */
function rows(blk: string, messages: string[]): string {
  return messages.map((m) => JSON.stringify({ level: 'INFO', source: 'hdfs', host: 'dn1', session_id: blk, message: m })).join('\n') + '\n';
}

async function sessionVerdictsSpooled(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^collector_session_verdicts_total\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

async function anomalies(url: string, query = ''): Promise<{ source: string; anomalies: Array<Record<string, any>> }> {
  const res = await fetch(`${url}/anomalies${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { source: string; anomalies: Array<Record<string, any>> };
}

async function postFeedback(url: string, body: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${url}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('detection through the collector (real detector with a trained model, real Elasticsearch)', () => {
  it('S1: every closed-session verdict MUST be stored as a session document exactly once, even across an Elasticsearch outage and a kill -9 of the collector', async () => {
    const dir = await tmpDir('sessions');
    const prefix = newPrefix('coll-sessions');
    const port = await freePort();
    const detector = await startDetector(port, await copyTrainedModel(work(), path.join(dir, 'models')), { DETECTOR_SESSION_TTL_MS: '1500' });
    procs.push(detector);
    const proxy = new ToggleProxy();
    await proxy.start(new URL(ES_URL));
    const env = {
      ...FAST,
      SPOOL_DIR: path.join(dir, 'spool'),
      COLLECTOR_STATE_DIR: path.join(dir, 'state'),
      ELASTIC_ADDR: `http://127.0.0.1:${proxy.port}`,
      ELASTIC_INDEX: prefix,
      DETECTOR_ADDR: `127.0.0.1:${port}`,
      DETECTOR_SESSION_POLL_MS: '200',
    };
    let c: CollectorProc | undefined = await startCollector(env);
    procs.push(c);
    try {
      // Elasticsearch is down. One complete block life cycle, one that stops after 5 steps.
      expect((await postLogs(c.url, rows('blk_7900000000000001', flowOf('blk_7900000000000001')))).status).toBe(200);
      expect((await postLogs(c.url, rows('blk_7900000000000002', flowOf('blk_7900000000000002').slice(0, 5)))).status).toBe(200);
      // The sessions go idle and close; the collector polls for their verdicts and spools them.
      await until(async () => (await sessionVerdictsSpooled(c!.url)) >= 2, 30_000, 'two session verdicts spooled');
      const local = await anomalies(c.url, '?kind=session');
      expect(local.source).toBe('local');
      // the learnt model leaves the blocks open at its learning cut out of the count models, so the
      // five-event block breaks a count relation every training block kept (invariants.violated)
      // and, with the count-range check on by default, falls outside the training blocks' counts
      expect(local.anomalies.map((d) => [d.session.id, d.anomaly.reasons])).toEqual([['blk_7900000000000002', ['deeplog.missing_step', 'invariants.violated', 'counts.out_of_range']]]);
      await c.kill9();

      proxy.up = true;
      c = await startCollector(env);
      procs.push(c);
      await until(async () => (await indexedDocs(prefix)).filter((d) => (d['anomaly'] as { kind?: string }).kind === 'session').length >= 2, 30_000, 'session documents indexed');
      const docs = await indexedDocs(prefix);
      const sessions = docs.filter((d) => (d['anomaly'] as { kind?: string }).kind === 'session') as Array<Record<string, any>>;
      expect(sessions.map((d) => [d.session.id, d.anomaly.is_anomaly, d.session.records, d.anomaly.status]).sort()).toEqual([
        ['blk_7900000000000001', false, 13, 'scored'],
        ['blk_7900000000000002', true, 5, 'scored'],
      ]);
      const flagged = sessions.find((d) => d.anomaly.is_anomaly)!;
      expect(flagged.anomaly).toMatchObject({ reasons: ['deeplog.missing_step', 'invariants.violated', 'counts.out_of_range'], group: expect.stringMatching(/^deeplog\.missing_step:/) });
      expect(flagged.anomaly.explanation.text).toMatch(/ended where normal sessions continue/);
      expect(flagged.session.recent_templates.length).toBeGreaterThan(0);
      expect(new Set(sessions.map((d) => d.event.id)).size).toBe(2);
      // Every record of both sessions is a record document, none flagged.
      const records = docs.filter((d) => (d['anomaly'] as { kind?: string }).kind === 'record') as Array<Record<string, any>>;
      expect(records).toHaveLength(18);
      expect(records.filter((d) => d.anomaly.is_anomaly)).toEqual([]);
      const fromEs = await anomalies(c.url);
      expect(fromEs.source).toBe('elasticsearch');
      expect(fromEs.anomalies.map((d) => [d.anomaly.kind, d.session.id])).toEqual([['session', 'blk_7900000000000002']]);
    } finally {
      await c?.stop();
      await detector.stop();
      await proxy.close();
    }
  });

  /** A collector in front of a detector serving its own copy of the trained model; one session with the same unknown message 3×. */
  async function flaggedTemplate(tag: string): Promise<{ c: CollectorProc; detector: Proc; prefix: string; blk: string; odd: (n: number) => string; oddIds: string[] }> {
    const dir = await tmpDir(tag);
    const prefix = newPrefix(`coll-${tag}`);
    const port = await freePort();
    const detector = await startDetector(port, await copyTrainedModel(work(), path.join(dir, 'models')));
    procs.push(detector);
    const c = await startCollector({ ...FAST, SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), ELASTIC_ADDR: ES_URL, ELASTIC_INDEX: prefix, DETECTOR_ADDR: `127.0.0.1:${port}` });
    procs.push(c);
    const blk = 'blk_7900000000000042';
    const odd = (n: number): string => `Kernel panic: fatal filesystem corruption on /dev/sda${n} at sector ${n * 97}`;
    // A normal start, then the same unknown message three times.
    const first = await postLogs(c.url, rows(blk, [...flowOf(blk).slice(0, 4), odd(1), odd(2), odd(3)]));
    expect(first.status).toBe(200);
    await until(async () => (await indexedDocs(prefix)).length === 7, 30_000, '7 documents');
    return { c, detector, prefix, blk, odd, oddIds: (first.body['ids'] as string[]).slice(4) };
  }

  it('GET /anomalies groups repeated alerts (first alert, anomaly.repeats, last seen) while every verdict stays exact; POST /feedback refuses bad bodies and unknown ids, and answers 503 without a detector', async () => {
    const { c, detector, oddIds } = await flaggedTemplate('grouping');
    try {
      const all = await anomalies(c.url, '?group=false&kind=record');
      expect(all.anomalies.map((d) => d.event.id).sort()).toEqual([...oddIds].sort()); // verdicts stay exact: each is flagged
      const grouped = await anomalies(c.url);
      expect(grouped.anomalies).toHaveLength(1);
      const alert = grouped.anomalies[0]!;
      expect(alert.event.id).toBe(oddIds[0]);
      expect(alert.anomaly).toMatchObject({ kind: 'record', repeats: 3, group: `drain.new_template:${alert.template.id}`, last_seen: all.anomalies[0]!['@timestamp'] });
      expect(alert.anomaly.explanation.observed).toMatch(/Kernel panic/);
      expect(alert.anomaly.explanation.recent.length).toBeGreaterThan(0);
      expect((await anomalies(c.url, '?kind=session')).anomalies).toEqual([]);
      expect((await fetch(`${c.url}/anomalies?kind=other`)).status).toBe(400);

      expect(await postFeedback(c.url, {})).toMatchObject({ status: 400, body: { error: 'BAD_FEEDBACK' } });
      expect(await postFeedback(c.url, { event_ids: ['x'], template_id: 'y' })).toMatchObject({ status: 400, body: { error: 'BAD_FEEDBACK' } });
      expect(await postFeedback(c.url, { event_ids: ['no-such-id'] })).toMatchObject({ status: 404, body: { error: 'UNKNOWN_EVENT_IDS' } });
      expect(await postFeedback(c.url, { template_id: 'no-such-template' })).toMatchObject({ status: 404, body: { error: 'UNKNOWN_TEMPLATE' } });
      await detector.stop();
      expect(await postFeedback(c.url, { event_ids: [oddIds[0]] })).toMatchObject({ status: 503, body: { error: 'DETECTOR_UNAVAILABLE' } });
    } finally {
      await c.stop();
      await detector.stop();
    }
  });

  it('after POST /feedback on a flagged template, new records of that template MUST no longer be flagged', async () => {
    const { c, detector, prefix, blk, odd, oddIds } = await flaggedTemplate('feedback');
    try {
      const alert = (await anomalies(c.url)).anomalies[0]!;
      const fb = await postFeedback(c.url, { template_id: alert.template.id, note: 'known maintenance message' });
      expect([fb.status, fb.body['message']]).toEqual([200, undefined]);
      expect(fb.body).toMatchObject({ accepted: 3, template_ids: [alert.template.id], model_version: expect.any(String) });
      expect([...(fb.body['event_ids'] as string[])].sort()).toEqual([...oddIds].sort());

      const after = await postLogs(c.url, rows(blk, [odd(4), odd(5)]));
      const afterIds = after.body['ids'] as string[];
      await until(async () => (await indexedDocs(prefix)).length === 9, 30_000, '9 documents');
      const newDocs = (await indexedDocs(prefix)).filter((d) => afterIds.includes((d['event'] as { id: string }).id)) as Array<Record<string, any>>;
      expect(newDocs.map((d) => [d.anomaly.is_anomaly, d.anomaly.model_version])).toEqual([
        [false, fb.body['model_version']],
        [false, fb.body['model_version']],
      ]);

      // The same through the CLI (`log-sentinel feedback`, as docs/api.md shows it), by event id.
      const cli = JSON.parse(
        execFileSync(process.execPath, [path.join(ROOT, 'apps', 'cli', 'dist', 'main.js'), 'feedback', '--collector', c.url, '--event-id', oddIds[0]!, '--note', 'cli'], { encoding: 'utf8' }),
      ) as Record<string, unknown>;
      expect(cli).toMatchObject({ accepted: 1, event_ids: [oddIds[0]], model_version: expect.any(String) });
      expect(cli['model_version']).not.toBe(fb.body['model_version']);
    } finally {
      await c.stop();
      await detector.stop();
    }
  });
});
