/**
 * The scoring stage's spool handling with real spools on disk and no detector (the
 * `DETECTOR_ADDR=off` path; scoring against the real detector is proved by
 * apps/collector/src/scoring.int.spec.ts). Sentences: docs/collector.md "Scoring stage".
 */
import { pendingVerdict, type ElasticLogDocument, type LogRecord } from '@log-sentinel/schema';
import { Spool, decodeSpoolRecord, encodeSpoolRecord, intakePositionOf } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { ScoringStage, type StageMetrics } from './stage';

const log = pino({ level: 'silent' });

function record(i: number): LogRecord {
  return { id: `r${i}`, timestamp: '2026-06-01T12:00:00.000Z', timestampAssigned: false, message: `message ${i} ${'x'.repeat(200)}`, labels: {}, original: `line ${i}`, ingested: '2026-06-01T12:00:01.000Z', origin: 'http' };
}

function counters(): StageMetrics & { n: Record<string, number> } {
  const n: Record<string, number> = { pending: 0, flagged: 0, rescored: 0, sessions: 0 };
  return {
    n,
    pending: { inc: (v = 1) => void (n.pending! += v) },
    flagged: { inc: (v = 1) => void (n.flagged! += v) },
    rescored: { inc: (v = 1) => void (n.rescored! += v) },
    sessionVerdicts: { inc: (_l, v = 1) => void (n.sessions! += v) },
  };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function spools(scoredMaxBytes = 64 << 20): Promise<{ dir: string; intake: Spool; scored: Spool }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scoring-stage-'));
  const intake = await Spool.open({ dir: path.join(dir, 'intake'), segmentMaxBytes: 16 << 10, maxTotalBytes: 64 << 20 });
  const scored = await Spool.open({ dir: path.join(dir, 'scored'), segmentMaxBytes: 16 << 10, maxTotalBytes: scoredMaxBytes, fullRetryAfterMs: 50 });
  return { dir, intake, scored };
}

const opts = { batchRecords: 50, batchBytes: 1 << 20, holdMs: 0, retryMs: 10, rescoreIntervalMs: 1000 };

async function drain(spool: Spool): Promise<string[]> {
  const ids: string[] = [];
  for (let b = await spool.read(1000, 1 << 20); b; b = await spool.read(1000, 1 << 20)) {
    ids.push(...b.records.map((r) => decodeSpoolRecord(r).meta.id));
    await spool.ack(b);
  }
  return ids;
}

describe('ScoringStage (real spools, no detector)', () => {
  it('moves every intake record to the scored spool in order, gives each document to the local sinks once, and acknowledges the intake only after', async () => {
    const { intake, scored } = await spools();
    const written: ElasticLogDocument[] = [];
    const m = counters();
    const stage = new ScoringStage({ intake, output: { scored, onWritten: (d) => written.push(...d) }, metrics: m, log }, opts);
    await intake.append(Array.from({ length: 300 }, (_, i) => encodeSpoolRecord(record(i), pendingVerdict()).payload));
    stage.start();
    await until(() => intake.stats().unackedRecords === 0);
    await stage.shutdown();
    expect(written.map((d) => d.event.id)).toEqual(Array.from({ length: 300 }, (_, i) => `r${i}`));
    expect(await drain(scored)).toEqual(Array.from({ length: 300 }, (_, i) => `r${i}`));
    await intake.close();
    await scored.close();
  });

  it('holds its position while the scored spool is full (nothing dropped, nothing acknowledged) and goes on once it has room', async () => {
    const { intake, scored } = await spools(40 << 10);
    const written: string[] = [];
    // the stage says when the scored spool refuses it and it holds its position: the signal to look
    const holding: string[] = [];
    const watched = pino({ level: 'warn' }, { write: (line: string) => void holding.push(line) });
    const stage = new ScoringStage({ intake, output: { scored, onWritten: (d) => written.push(...d.map((x) => x.event.id)) }, metrics: counters(), log: watched }, { ...opts, batchBytes: 8 << 10 });
    await intake.append(Array.from({ length: 400 }, (_, i) => encodeSpoolRecord(record(i), pendingVerdict()).payload));
    stage.start();
    await until(() => holding.some((l) => l.includes('holds its position')));
    const heldAt = intake.stats().unackedRecords;
    expect(heldAt).toBeGreaterThan(0);
    expect(written.length + heldAt).toBe(400);
    // Delivery drains the scored spool: the stage resumes and finishes, in order.
    const delivered: string[] = [];
    while (intake.stats().unackedRecords > 0 || scored.stats().unackedRecords > 0) {
      delivered.push(...(await drain(scored)));
      await new Promise((r) => setTimeout(r, 20));
    }
    await stage.shutdown();
    expect(delivered).toEqual(Array.from({ length: 400 }, (_, i) => `r${i}`));
    expect(written).toEqual(delivered);
    await intake.close();
    await scored.close();
  });

  it('stopped while the scored spool is full, leaves the batch unacknowledged so the next start replays it', async () => {
    const { dir, intake, scored } = await spools(40 << 10);
    const stage = new ScoringStage({ intake, output: { scored, onWritten: () => undefined }, metrics: counters(), log }, { ...opts, batchBytes: 8 << 10 });
    await intake.append(Array.from({ length: 400 }, (_, i) => encodeSpoolRecord(record(i), pendingVerdict()).payload));
    stage.start();
    await until(() => scored.isFull(8 << 10));
    await stage.shutdown();
    const moved = scored.stats().unackedRecords;
    await intake.close();
    await scored.close();
    const again = await Spool.open({ dir: path.join(dir, 'intake'), segmentMaxBytes: 16 << 10 });
    const replayed = await drain(again);
    // Every record is in one spool or the other (a batch in both is replayed: same _id, no duplicate document).
    expect(new Set([...replayed, ...Array.from({ length: moved }, (_, i) => `r${i}`)]).size).toBe(400);
    expect(replayed.at(-1)).toBe('r399');
    await again.close();
  });

  it('with lingerMs, records that arrive in several small appends while it waits are moved in one step (one scored-spool append), in order', async () => {
    const { intake, scored } = await spools();
    const steps: string[][] = [];
    const stage = new ScoringStage({ intake, output: { scored, onWritten: (d) => void steps.push(d.map((x) => x.event.id)) }, metrics: counters(), log }, { ...opts, lingerMs: 300 });
    stage.start();
    for (let k = 0; k < 5; k++) {
      await intake.append([encodeSpoolRecord(record(k), pendingVerdict()).payload]);
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(() => intake.stats().unackedRecords === 0);
    await stage.shutdown();
    expect(steps).toEqual([['r0', 'r1', 'r2', 'r3', 'r4']]);
    expect(await drain(scored)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    await intake.close();
    await scored.close();
  });

  // Sentence: docs/collector.md "Scoring stage" — a crash between the scored-spool append and the intake acknowledgement.
  it('SC4: after a crash (no close, acknowledgements lost) the next start MUST NOT score again what the scored spool already holds, and MUST score the rest', async () => {
    const { dir, scored } = await spools();
    // Segments of 1 MiB: the scored records stay in the live intake segment, as between two age seals.
    const intake = await Spool.open({ dir: path.join(dir, 'intake-live'), segmentMaxBytes: 1 << 20, maxTotalBytes: 64 << 20 });
    const first: string[] = [];
    const stage = new ScoringStage({ intake, output: { scored, onWritten: (d) => first.push(...d.map((x) => x.event.id)) }, metrics: counters(), log }, opts);
    await intake.append(Array.from({ length: 300 }, (_, i) => encodeSpoolRecord(record(i), pendingVerdict()).payload));
    stage.start();
    await until(() => intake.stats().unackedRecords === 0);
    await stage.shutdown();
    // Accepted after the stage stopped: never scored.
    await intake.append(Array.from({ length: 20 }, (_, i) => encodeSpoolRecord(record(300 + i), pendingVerdict()).payload));
    // kill -9: neither spool is closed; the intake spool's acknowledgements were only in memory.
    const intake2 = await Spool.open({ dir: path.join(dir, 'intake-live'), segmentMaxBytes: 1 << 20, maxTotalBytes: 64 << 20 });
    const scored2 = await Spool.open({ dir: path.join(dir, 'scored'), segmentMaxBytes: 16 << 10, maxTotalBytes: 64 << 20 });
    expect(intake2.recovery.records).toBe(320); // the 300 scored records of the live segment come back too
    const second: string[] = [];
    const restarted = new ScoringStage({ intake: intake2, output: { scored: scored2, onWritten: (d) => second.push(...d.map((x) => x.event.id)) }, metrics: counters(), log }, opts);
    restarted.start();
    await until(() => intake2.stats().unackedRecords === 0);
    await restarted.shutdown();
    expect(first).toEqual(Array.from({ length: 300 }, (_, i) => `r${i}`));
    expect(second).toEqual(Array.from({ length: 20 }, (_, i) => `r${300 + i}`));
    expect(await drain(scored2)).toEqual(Array.from({ length: 320 }, (_, i) => `r${i}`));
    await intake2.close();
    await scored2.close();
  });

  it('SC4: a position left by an earlier run whose intake segment number came back (the intake spool was left empty) skips nothing', async () => {
    const { dir, intake, scored } = await spools();
    const stage = new ScoringStage({ intake, output: { scored, onWritten: () => undefined }, metrics: counters(), log }, opts);
    await intake.append(Array.from({ length: 10 }, (_, i) => encodeSpoolRecord(record(10 + i), pendingVerdict()).payload));
    stage.start();
    await until(() => intake.stats().unackedRecords === 0);
    await stage.shutdown();
    await intake.close(); // fully acknowledged: its segments are deleted, numbering starts again at 1
    const pos = await scored.findNewest(intakePositionOf);
    // The next run: records of the same sizes, so the old position lands on a record boundary of the new segment 1.
    const intake2 = await Spool.open({ dir: path.join(dir, 'intake'), segmentMaxBytes: 16 << 10, maxTotalBytes: 64 << 20 });
    await intake2.append(Array.from({ length: 10 }, (_, i) => encodeSpoolRecord(record(20 + i), pendingVerdict()).payload));
    const [seg] = (await fs.readdir(path.join(dir, 'intake'))).filter((n) => n.endsWith('.seg'));
    expect(pos).toMatchObject({ segment: 1, offset: (await fs.stat(path.join(dir, 'intake', seg!))).size });
    // kill -9, then a start with the scored spool still holding the first run's records.
    const intake3 = await Spool.open({ dir: path.join(dir, 'intake'), segmentMaxBytes: 16 << 10, maxTotalBytes: 64 << 20 });
    const written: string[] = [];
    const restarted = new ScoringStage({ intake: intake3, output: { scored, onWritten: (d) => written.push(...d.map((x) => x.event.id)) }, metrics: counters(), log }, opts);
    restarted.start();
    await until(() => intake3.stats().unackedRecords === 0);
    await restarted.shutdown();
    expect(written).toEqual(Array.from({ length: 10 }, (_, i) => `r${20 + i}`));
    await intake3.close();
    await scored.close();
  });
});
