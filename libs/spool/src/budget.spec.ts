import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Spool, budgetUsedBytes, createSpoolBudget } from './index';

const payload = (n: number): Buffer => Buffer.alloc(n, 0x61);

/** Bytes of the files in `dir` (0 when it does not exist yet; files deleted meanwhile count 0). */
async function bytesIn(dir: string): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let sum = 0;
  for (const n of names) sum += await fs.stat(path.join(dir, n)).then((st) => st.size, () => 0);
  return sum;
}

describe('spool budget (one bound for several spools)', () => {
  it('B1: spools sharing a budget refuse at their own limit of the sum: the first at L − R, the second may use all of L; space freed by one is usable by the other', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'spool-budget-'));
    const shared = createSpoolBudget(2);
    const L = 64 * 1024;
    const R = 16 * 1024;
    const intake = await Spool.open({ dir: path.join(root, 'intake'), segmentMaxBytes: 8 * 1024, maxTotalBytes: L, segmentMaxAgeMs: 0, budget: { shared, slot: 0, limitBytes: L - R } });
    const scored = await Spool.open({ dir: path.join(root, 'scored'), segmentMaxBytes: 8 * 1024, maxTotalBytes: L, segmentMaxAgeMs: 0, budget: { shared, slot: 1, limitBytes: L } });
    let intakeAccepted = 0;
    for (;;) {
      try {
        await intake.append([payload(1000)]);
        intakeAccepted++;
      } catch (err) {
        expect((err as { code: string }).code).toBe('SPOOL_FULL');
        break;
      }
    }
    expect(budgetUsedBytes(shared)).toBeLessThanOrEqual(L - R);
    expect(budgetUsedBytes(shared)).toBeGreaterThan(L - R - 2 * 1024);
    // The scored spool still has the reserve, and not more.
    let scoredAccepted = 0;
    for (;;) {
      try {
        await scored.append([payload(1000)]);
        scoredAccepted++;
      } catch {
        break;
      }
    }
    expect(scoredAccepted).toBeGreaterThanOrEqual(14);
    expect(budgetUsedBytes(shared)).toBeLessThanOrEqual(L);
    expect(intake.isFull()).toBe(true);
    // Draining the intake spool frees its sealed segments for the scored spool.
    for (let b = await intake.read(1000, 1 << 20); b; b = await intake.read(1000, 1 << 20)) await intake.ack(b);
    await scored.append([payload(1000)]);
    expect(intakeAccepted).toBeGreaterThan(40);
    await intake.close();
    await scored.close();
  });

  it('B1: the bound holds across threads: appends racing from a worker thread and this one never take the sum past the limit', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'spool-budget-'));
    const shared = createSpoolBudget(2);
    const L = 256 * 1024;
    const here = await Spool.open({ dir: path.join(root, 'here'), segmentMaxBytes: 32 * 1024, maxTotalBytes: L, segmentMaxAgeMs: 0, budget: { shared, slot: 0, limitBytes: L } });
    // The other spool runs in a worker thread (the built library: the same code the collector's scoring thread runs).
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const { Spool } = require(workerData.lib);
       (async () => {
         const s = await Spool.open({ dir: workerData.dir, segmentMaxBytes: 32 * 1024, maxTotalBytes: workerData.L, segmentMaxAgeMs: 0, budget: { shared: workerData.shared, slot: 1, limitBytes: workerData.L } });
         let ok = 0;
         for (let i = 0; i < 400; i++) { try { await s.append([Buffer.alloc(700, 98)]); ok++; } catch { } }
         await s.close();
         parentPort.postMessage(ok);
       })();`,
      { eval: true, workerData: { lib: path.resolve(__dirname, '..', 'dist', 'index.js'), dir: path.join(root, 'there'), shared, L } },
    );
    const theirs = new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    let mine = 0;
    let peak = 0;
    for (let i = 0; i < 400; i++) {
      try {
        await here.append([payload(700)]);
        mine++;
      } catch {
        // full
      }
      // What B1 bounds: the bytes of the files of both spools (the counters may count a round
      // twice for a moment, between its write and the release of its reservation: never less).
      peak = Math.max(peak, await bytesIn(path.join(root, 'here')) + (await bytesIn(path.join(root, 'there'))));
    }
    const ok = await theirs;
    await worker.terminate();
    expect(mine + ok).toBeGreaterThan(200);
    expect(mine + ok).toBeLessThan(800);
    expect(peak).toBeGreaterThan(L / 2);
    expect(peak).toBeLessThanOrEqual(L);
    expect(budgetUsedBytes(shared)).toBeLessThanOrEqual(L);
    expect(await bytesIn(path.join(root, 'here')) + (await bytesIn(path.join(root, 'there')))).toBeLessThanOrEqual(budgetUsedBytes(shared));
    await here.close();
  });
});
