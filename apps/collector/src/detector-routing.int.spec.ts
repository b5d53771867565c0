/**
 * Several detectors (docs/collector.md, "Several detectors", R4 and R5): the built collector
 * in front of two real detector processes. Sessions have sizes 1, 2, 4, … records, so the
 * number of records a detector received (its GetModel `learning_records`) names exactly
 * which sessions reached it: it can only match if every session went whole to one detector.
 */
import * as grpc from '@grpc/grpc-js';
import { HashRing, routingKey } from '@log-sentinel/detector-client';
import { loadDetectorProto, type DetectorClient as GrpcDetectorClient } from '@log-sentinel/proto';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { copyTrainedModel } from './testing/trained-model';
import { ES_URL, ROOT, dropPrefix, freePort, indexedDocs, postLogs, startCollector, startDetector, tmpDir, until, type CollectorProc, type Proc, metric } from './testing/harness';

jest.setTimeout(120_000);

interface Session {
  key: { sessionId?: string; service?: string; host?: string };
  size: number;
}

/** Ten sessions, sizes 2^0 … 2^9: eight with a session id, two service+host streams. */
const SESSIONS: Session[] = Array.from({ length: 10 }, (_, i) => ({
  key: i < 8 ? { sessionId: `blk_${1000 + i}` } : { service: `svc-${i}`, host: `node-${i}` },
  size: 2 ** i,
}));

function body(sessions: Session[], tag: string): string[] {
  // Records of all sessions interleaved, as concurrent clients would send them.
  const rows: string[] = [];
  const left = sessions.map((s) => s.size);
  for (let round = 0; left.some((n) => n > 0); round++) {
    sessions.forEach((s, i) => {
      if (left[i]-- <= 0) return;
      const r: Record<string, string> = { timestamp: '2026-06-01T12:00:00.000Z', level: 'INFO', message: `${tag} block ${i} step ${round} served` };
      if (s.key.sessionId) r.session_id = s.key.sessionId;
      if (s.key.service) r.service = s.key.service;
      if (s.key.host) r.host = s.key.host;
      rows.push(JSON.stringify(r));
    });
  }
  return rows;
}

/** A collector in `dir` routing over the detectors `addrs`, writing pending at once when a detector does not answer within 1.5 s. */
function routingCollector(dir: string, addrs: string[], env: Record<string, string>): Promise<CollectorProc> {
  return startCollector({
    SPOOL_DIR: path.join(dir, 'spool'),
    COLLECTOR_STATE_DIR: path.join(dir, 'state'),
    LOG_SENTINEL_DIR: 'off',
    DETECTOR_ADDR: addrs.join(','),
    DETECTOR_DEADLINE_MS: '1500',
    DETECTOR_HOLD_MS: '0',
    ...env,
  });
}

/** How the collector's ring routes {@link SESSIONS} over `addrs`: each session's detector, and the records each detector owns. */
function routing(addrs: string[]): { owner: number[]; records: number[] } {
  const ring = new HashRing(addrs);
  const owner = SESSIONS.map((s) => ring.ownerIndex(routingKey(s.key)));
  return { owner, records: addrs.map((_, d) => SESSIONS.reduce((n, s, i) => n + (owner[i] === d ? s.size : 0), 0)) };
}

async function post(url: string, rows: string[], parts: number): Promise<void> {
  const per = Math.ceil(rows.length / parts);
  for (let i = 0; i < rows.length; i += per) {
    const res = await postLogs(url, rows.slice(i, i + per).join('\n') + '\n');
    expect(res.status).toBe(200);
  }
}

function learningRecords(client: GrpcDetectorClient): Promise<number> {
  return new Promise((resolve, reject) =>
    client.GetModel({}, { deadline: Date.now() + 5000 }, (err, res) => (err ? reject(err) : resolve(Number(res?.learning_records ?? NaN)))),
  );
}

beforeAll(() => {
  execFileSync('npx', ['tsc', '-b', 'apps/collector'], { cwd: ROOT, stdio: 'inherit' });
}, 120_000);

describe('collector with two detectors', () => {
  it('R4: each session\'s records MUST reach exactly one detector, the one the ring names; R5: a down detector\'s sessions MUST go pending, not to another detector', async () => {
    const dir = await tmpDir('routing');
    const ports = [await freePort(), await freePort()];
    const addrs = ports.map((p) => `127.0.0.1:${p}`);
    // A learning target far above what we send: every record a detector gets stays counted.
    const detectors: Proc[] = await Promise.all(ports.map((p, i) => startDetector(p, path.join(dir, `models-${i}`), { DETECTOR_LEARNING_RECORDS: '1000000' })));
    const { grpcType } = loadDetectorProto();
    const clients = addrs.map((a) => new grpcType.sentinel.detector.v1.Detector(a, grpc.credentials.createInsecure()));
    let c: CollectorProc | undefined;
    try {
      c = await routingCollector(dir, addrs, { ELASTIC_ADDR: 'off', DETECTOR_MAX_BATCH: '64', DETECTOR_BREAKER_RESET_MS: '60000' });
      const { owner, records: expected } = routing(addrs);
      expect(expected[0]).toBeGreaterThan(0); // both detectors own sessions, or the test proves nothing
      expect(expected[1]).toBeGreaterThan(0);

      await post(c.url, body(SESSIONS, 'first'), 7);
      // Scoring runs after the acknowledgement (the scoring stage reads the spool): wait for it.
      await until(async () => JSON.stringify(await Promise.all(clients.map(learningRecords))) === JSON.stringify(expected), 20_000, 'first records scored');
      expect(await Promise.all(clients.map(learningRecords))).toEqual(expected);
      expect(await metric(c.url, 'collector_records_pending_total')).toBe(0);

      // Detector 1 goes down: its sessions' records are stored pending, detector 0 gets only its own.
      await detectors[1].stop();
      await post(c.url, body(SESSIONS, 'second'), 3);
      const ownedBy1 = expected[1];
      await until(async () => (await metric(c!.url, 'collector_records_pending_total')) >= ownedBy1, 20_000, 'records of the down detector pending');
      // the stage scores detector 0's share on its own: wait for that signal too, not only the pending count
      await until(async () => (await learningRecords(clients[0])) >= 2 * expected[0], 20_000, "detector 0's second records scored");
      expect(await learningRecords(clients[0])).toBe(2 * expected[0]);
      expect(await metric(c.url, 'collector_records_pending_total')).toBe(ownedBy1);
      // Detector 1's own breaker opens (a record of its session is sent until it does); detector 0's stays closed.
      const down = SESSIONS[owner.indexOf(1)];
      let ready: { checks: Record<string, string> } = { checks: {} };
      await until(
        async () => {
          ready = (await (await fetch(`${c!.url}/readyz`)).json()) as typeof ready;
          if (/=(open|half-open)/.test(ready.checks.detectors ?? '')) return true;
          await post(c!.url, body([{ ...down, size: 1 }], 'probe'), 1);
          return false;
        },
        20_000,
        `the breaker of ${addrs[1]} to open (collector output before waiting: ${c.output().slice(-2000)})`,
      );
      expect(ready.checks.detector).toBe('up');
      expect(ready.checks.detectors).toBe(`${addrs[0]}=closed,${addrs[1]}=open`);
    } finally {
      for (const cl of clients) cl.close();
      await c?.stop();
      await Promise.all(detectors.map((d) => d.stop()));
    }
  });

  it('R6: records stored pending because their detector was down MUST be re-scored by that same detector once it answers', async () => {
    const dir = await tmpDir('routing-rescore');
    const prefix = `it-coll-route-${Date.now()}`;
    const ports = [await freePort(), await freePort()];
    const metricsPorts = [await freePort(), await freePort()];
    const addrs = ports.map((p) => `127.0.0.1:${p}`);
    // Both detectors serve a trained model (re-scoring is a dry run: a detector still learning
    // would leave the records pending). Each one's /metrics counts the records it scored.
    const models = [await copyTrainedModel(dir, path.join(dir, 'models-0')), await copyTrainedModel(dir, path.join(dir, 'models-1'))];
    const detectors: Proc[] = [await startDetector(ports[0], models[0], { DETECTOR_METRICS_PORT: String(metricsPorts[0]) })];
    let c: CollectorProc | undefined;
    try {
      c = await routingCollector(dir, addrs, {
        ELASTIC_ADDR: ES_URL,
        ELASTIC_INDEX: prefix,
        ELASTIC_FLUSH_INTERVAL_MS: '50',
        RESCORE_INTERVAL_MS: '300',
        DETECTOR_BREAKER_RESET_MS: '300',
      });
      const { records: expected } = routing(addrs);
      const total = expected[0] + expected[1];
      await post(c.url, body(SESSIONS, 'late'), 4);
      await until(async () => (await indexedDocs(prefix)).length === total, 30_000, `${total} documents`);
      const status = (d: Record<string, unknown>): string => (d['anomaly'] as { status: string }).status;
      expect((await indexedDocs(prefix)).filter((d) => status(d) === 'pending')).toHaveLength(expected[1]);

      detectors.push(await startDetector(ports[1], models[1], { DETECTOR_METRICS_PORT: String(metricsPorts[1]) }));
      await until(async () => (await indexedDocs(prefix)).every((d) => status(d) === 'scored'), 40_000, 'pending records re-scored');
      // Detector 1 scored exactly its own sessions' records (once each), detector 0 nothing more.
      const scored = (port: number): Promise<number> => metric(`http://127.0.0.1:${port}`, 'detector_records_total{status="scored"}');
      expect(await Promise.all(metricsPorts.map(scored))).toEqual(expected);
      expect(await metric(c.url, 'collector_records_rescored_total')).toBe(expected[1]);
    } finally {
      await c?.stop();
      await Promise.all(detectors.map((d) => d.stop()));
      await dropPrefix(prefix);
    }
  });
});
