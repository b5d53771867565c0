import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTailer, loadCheckpoints, type TailRecord } from './index';

async function setup(): Promise<{ dir: string; cp: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tail-'));
  const dir = path.join(root, 'logs');
  await fs.mkdir(dir);
  return { dir, cp: path.join(root, 'state', 'checkpoints.json') };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Resolves once the saved checkpoints put every file of `dir` at its end: nothing is left to
 * read, so a line delivered twice would have been delivered by now.
 */
async function readToEnd(dir: string, cp: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const saved = await loadCheckpoints(cp).catch(() => undefined);
    const names = await fs.readdir(dir);
    const sizes = await Promise.all(names.map(async (n) => ({ file: path.join(dir, n), size: (await fs.stat(path.join(dir, n))).size })));
    const cps = saved ? [...saved.checkpoints.values()] : [];
    if (sizes.every(({ file, size }) => cps.some((c) => c.path === file && c.offset === size))) return;
    if (Date.now() > end) throw new Error(`timed out: checkpoints ${JSON.stringify(cps.map((c) => [c.path, c.offset]))}, files ${JSON.stringify(sizes)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function collector(): { got: TailRecord[]; onRecords: (r: TailRecord[]) => Promise<void> } {
  const got: TailRecord[] = [];
  return { got, onRecords: async (r) => void got.push(...r) };
}

const lines = (from: number, to: number, tag = 'line'): string => Array.from({ length: to - from }, (_, i) => `${tag} ${from + i}\n`).join('');
const texts = (got: TailRecord[]): string[] => got.map((r) => r.text);
const expected = (from: number, to: number, tag = 'line'): string[] => lines(from, to, tag).trimEnd().split('\n');

describe('FileTailer', () => {
  it('G13: new files MUST be read from the start, a partial last line MUST wait for its newline, and a restart MUST resume from the checkpoint', async () => {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'app.log');
    await fs.writeFile(file, lines(0, 5) + 'partial');
    const c = collector();
    const t = new FileTailer({ dir, checkpointPath: cp, onRecords: c.onRecords, pollIntervalMs: 50, shortFileIdleMs: 100 });
    await t.start();
    await until(() => c.got.length === 5);
    const n = t.stats().rescans;
    await until(() => t.stats().rescans >= n + 2); // the partial line was looked at twice, and held back
    expect(texts(c.got)).toEqual(expected(0, 5));
    await fs.appendFile(file, ' done\n');
    await until(() => c.got.length === 6);
    expect(c.got[5]).toMatchObject({ text: 'partial done', offset: lines(0, 5).length });
    await t.shutdown();
    await t.shutdown();
    const saved = [...(await loadCheckpoints(cp)).checkpoints.values()];
    expect(saved[0].offset).toBe((await fs.stat(file)).size);

    await fs.appendFile(file, lines(5, 8));
    const c2 = collector();
    const t2 = new FileTailer({ dir, checkpointPath: cp, onRecords: c2.onRecords, pollIntervalMs: 50, shortFileIdleMs: 100 });
    await t2.start();
    await until(() => c2.got.length === 3);
    expect(texts(c2.got)).toEqual(expected(5, 8));
    expect(c2.got[0].identity).toBe(c.got[0].identity);
    await t2.shutdown();
  });

  it('G14: a checkpoint MUST NOT move before its records are durable; refused records are redelivered with the same offsets', async () => {
    const { dir, cp } = await setup();
    await fs.writeFile(path.join(dir, 'a.log'), lines(0, 3));
    const got: TailRecord[] = [];
    let fail = true;
    const t = new FileTailer({
      dir,
      checkpointPath: cp,
      pollIntervalMs: 50, shortFileIdleMs: 100,
      onRecords: async (r) => {
        if (fail) throw new Error('spool full');
        got.push(...r);
      },
    });
    await t.start();
    await until(() => t.stats().deliveryFailures >= 2);
    fail = false;
    await until(() => got.length === 3);
    expect(got.map((r) => r.offset)).toEqual([0, 7, 14]);
    await t.shutdown();
  });

  /** A started tailer (50 ms polls) on `app.log` holding `n` lines, once it has delivered them all. */
  async function tailingLines(n: number) {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'app.log');
    await fs.writeFile(file, lines(0, n));
    const c = collector();
    const t = new FileTailer({ dir, checkpointPath: cp, onRecords: c.onRecords, pollIntervalMs: 50, shortFileIdleMs: 100 });
    await t.start();
    await until(() => c.got.length === n);
    return { dir, cp, file, c, t };
  }

  it('G4: rename rotation MUST deliver every line exactly once', async () => {
    const { dir, cp, file, c, t } = await tailingLines(100);
    await fs.appendFile(file, lines(100, 150)); // may or may not be read before the rename
    await fs.rename(file, path.join(dir, 'app.log.1'));
    await fs.appendFile(path.join(dir, 'app.log.1'), lines(150, 160)); // the writer still had it open
    await fs.writeFile(file, lines(160, 200));
    await until(() => c.got.length >= 200);
    await readToEnd(dir, cp);
    expect(texts(c.got).sort()).toEqual(expected(0, 200).sort());
    await t.shutdown();
  });

  it('G4: copytruncate rotation MUST deliver every line exactly once', async () => {
    const { dir, cp, file, c, t } = await tailingLines(100);
    await fs.appendFile(file, lines(100, 150));
    await fs.copyFile(file, path.join(dir, 'app.log.1'));
    await fs.truncate(file, 0);
    await fs.appendFile(file, lines(150, 200, 'after'));
    await until(() => c.got.length >= 200);
    await readToEnd(dir, cp);
    expect(texts(c.got).sort()).toEqual([...expected(0, 150), ...expected(150, 200, 'after')].sort());
    expect(t.stats().truncations).toBeGreaterThanOrEqual(1);
    await t.shutdown();
  });

  it('G15: truncation MUST be detected and the rewritten file read from the start', async () => {
    const { file, c, t } = await tailingLines(50);
    await fs.writeFile(file, lines(0, 80, 'new')); // longer than before: only the fingerprint tells
    await until(() => c.got.length === 130);
    expect(texts(c.got.slice(50))).toEqual(expected(0, 80, 'new'));
    await t.shutdown();
  });

  /**
   * A started tailer on `app.log` (40 old lines, read in batches of 100 bytes) whose consumer
   * runs `rewrite` once, inside its first call: the file changes while a read pass delivers.
   */
  async function rewrittenDuringFirstBatch(rewrite: (file: string) => Promise<void>): Promise<{ dir: string; cp: string; got: TailRecord[]; t: FileTailer }> {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'app.log');
    await fs.writeFile(file, lines(0, 40, 'old line'));
    const got: TailRecord[] = [];
    let done = false;
    const t = new FileTailer({
      dir,
      checkpointPath: cp,
      pollIntervalMs: 50,
      shortFileIdleMs: 100,
      fingerprintBytes: 64,
      maxBatchBytes: 100, // 40 lines are read in several batches of one pass
      onRecords: async (r) => {
        got.push(...r);
        if (done) return;
        done = true;
        await rewrite(file);
      },
    });
    await t.start();
    return { dir, cp, got, t };
  }

  // The fuzz suite's duplicated sentinel: a file truncated and rewritten between the moment the
  // tailer took its size and identity and the moment it read it. The read returned the new
  // content, delivered under the old identity; the next poll saw the truncation and delivered
  // it again from byte 0 under a new identity: one line, two event ids. The consumer's own
  // call (the spool's fsync) is the window here, so the rewrite lands in it every time.
  it.each([
    ['longer', 60],
    ['shorter (a short read)', 12],
  ])('G18: a file truncated and rewritten %s while a read pass is delivering MUST have each new line delivered exactly once, under its new identity', async (_, newLines) => {
    const { dir, cp, got, t } = await rewrittenDuringFirstBatch(async (file) => {
      await fs.truncate(file, 0); // copytruncate after the copy, and the writer goes on
      await fs.appendFile(file, lines(0, newLines, 'new line'));
    });
    await until(() => got.some((r) => r.text === `new line ${newLines - 1}`));
    await readToEnd(dir, cp);
    await t.shutdown();
    const fresh = got.filter((r) => r.text.startsWith('new line'));
    expect(fresh.map((r) => r.text)).toEqual(expected(0, newLines, 'new line'));
    expect(new Set(fresh.map((r) => r.identity)).size).toBe(1);
    expect(fresh[0].identity).not.toBe(got[0].identity);
    expect(got.filter((r) => r.identity === got[0].identity).every((r) => r.text.startsWith('old line'))).toBe(true);
    expect(t.stats().changedWhileRead).toBeGreaterThanOrEqual(1);
  });

  it('G18, G4: copytruncate while a read pass is delivering MUST deliver every line exactly once: the rest of the old content from the copy, under the old identity', async () => {
    const { dir, cp, got, t } = await rewrittenDuringFirstBatch(async (file) => {
      await fs.copyFile(file, `${file}.1`);
      await fs.truncate(file, 0);
      await fs.appendFile(file, lines(0, 60, 'new line'));
    });
    await until(() => got.some((r) => r.text === 'new line 59') && got.some((r) => r.text === 'old line 39'));
    await readToEnd(dir, cp);
    await t.shutdown();
    expect(texts(got).sort()).toEqual([...expected(0, 40, 'old line'), ...expected(0, 60, 'new line')].sort());
    const oldIdentity = got[0].identity;
    expect(got.filter((r) => r.text.startsWith('old line')).every((r) => r.identity === oldIdentity)).toBe(true);
    expect(got.filter((r) => r.text.startsWith('new line')).every((r) => r.identity !== oldIdentity)).toBe(true);
  });

  it('groups continuation lines under a start-of-record pattern and emits the last record once the file is idle', async () => {
    const { dir, cp } = await setup();
    const text = '2024-01-01 ERROR boom\n  at a()\n  at b()\n2024-01-01 INFO ok\n2024-01-01 WARN tail\n  more\n';
    await fs.writeFile(path.join(dir, 'm.log'), text);
    const c = collector();
    const t = new FileTailer({ dir, checkpointPath: cp, onRecords: c.onRecords, pollIntervalMs: 50, shortFileIdleMs: 100, multilineTimeoutMs: 200, startPattern: /^\d{4}-/ });
    await t.start();
    await until(() => c.got.length === 3);
    expect(texts(c.got)).toEqual(['2024-01-01 ERROR boom\n  at a()\n  at b()', '2024-01-01 INFO ok', '2024-01-01 WARN tail\n  more']);
    expect(c.got.map((r) => r.offset)).toEqual([0, text.indexOf('2024-01-01 INFO'), text.indexOf('2024-01-01 WARN')]);
    await t.shutdown();
  });

  it('refuses a checkpoint file of another version', async () => {
    const { dir, cp } = await setup();
    await fs.mkdir(path.dirname(cp), { recursive: true });
    await fs.writeFile(cp, JSON.stringify({ version: 99, checkpoints: [] }));
    const t = new FileTailer({ dir, checkpointPath: cp, onRecords: async () => undefined });
    await expect(t.start()).rejects.toMatchObject({ code: 'CHECKPOINT_VERSION' });
  });
});
