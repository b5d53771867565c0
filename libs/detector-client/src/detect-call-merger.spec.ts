/** Micro-batching of Detect calls (docs/collector.md, "Merging small requests", M1–M2). */
import { pendingVerdict, type AnomalyVerdict, type LogRecord } from '@log-sentinel/schema';
import { DetectCallMerger, type ChunkScorer } from './detect-call-merger';
import type { ScoreOutcome } from './wire';

const rec = (id: string): LogRecord => ({ id, timestamp: '2026-06-01T12:00:00.000Z', timestampAssigned: false, message: id, labels: {}, original: id, ingested: '2026-06-01T12:00:00.000Z', origin: 'http' });
const recs = (tag: string, n: number): LogRecord[] => Array.from({ length: n }, (_, i) => rec(`${tag}-${i}`));

/** Scores every record by echoing its id as the template; can be told to fail (all pending). */
class EchoScorer implements ChunkScorer {
  calls: Array<{ ids: string[]; deadline: number }> = [];
  fail = false;
  scoreChunk(records: readonly LogRecord[], deadline: number): Promise<ScoreOutcome> {
    this.calls.push({ ids: records.map((r) => r.id), deadline });
    if (this.fail) return Promise.resolve({ verdicts: records.map(() => pendingVerdict()), scored: 0 });
    const verdicts: AnomalyVerdict[] = records.map((r) => ({ isAnomaly: false, score: 0, reasons: [], status: 'scored', template: r.id }));
    return Promise.resolve({ verdicts, scored: records.length });
  }
}

describe('DetectCallMerger', () => {
  it('M1: concurrent small batches MUST be merged into one Detect call, each caller getting its own verdicts in order', async () => {
    const target = new EchoScorer();
    const b = new DetectCallMerger(target, 100, 20);
    const now = Date.now();
    const outs = await Promise.all([b.submit(recs('a', 3), now + 900), b.submit(recs('b', 2), now + 500), b.submit(recs('c', 4), now + 700)]);
    expect(target.calls).toHaveLength(1);
    expect(target.calls[0].ids).toEqual([...recs('a', 3), ...recs('b', 2), ...recs('c', 4)].map((r) => r.id));
    expect(target.calls[0].deadline).toBe(now + 500); // the earliest caller's deadline
    expect(outs.map((o) => o.verdicts.map((v) => v.template))).toEqual([recs('a', 3).map((r) => r.id), recs('b', 2).map((r) => r.id), recs('c', 4).map((r) => r.id)]);
    expect(outs.map((o) => o.scored)).toEqual([3, 2, 4]);
    expect(b.stats()).toEqual({ submitted: 3, calls: 1 });
  });

  it('M2: a merged call MUST NOT exceed the batch size and MUST go out as soon as the batch is full', async () => {
    const target = new EchoScorer();
    const b = new DetectCallMerger(target, 5, 60_000); // a linger that would time the test out
    const outs = await Promise.all([b.submit(recs('a', 3), Date.now() + 1000), b.submit(recs('b', 3), Date.now() + 1000)]);
    expect(target.calls.map((c) => c.ids.length)).toEqual([3, 3]);
    expect(outs.map((o) => o.scored)).toEqual([3, 3]);
  });

  it('gives every caller pending verdicts when the merged call fails, and sends at once with linger 0', async () => {
    const target = new EchoScorer();
    target.fail = true;
    const b = new DetectCallMerger(target, 100, 5);
    const outs = await Promise.all([b.submit(recs('a', 2), Date.now() + 1000), b.submit(recs('b', 1), Date.now() + 1000)]);
    expect(outs.map((o) => [o.scored, o.verdicts.map((v) => v.status)])).toEqual([
      [0, ['pending', 'pending']],
      [0, ['pending']],
    ]);
    const direct = new DetectCallMerger(new EchoScorer(), 100, 0);
    await Promise.all([direct.submit(recs('x', 1), Date.now() + 1000), direct.submit(recs('y', 1), Date.now() + 1000)]);
    expect(direct.stats()).toEqual({ submitted: 2, calls: 2 });
  });
});
