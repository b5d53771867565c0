import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTailer, loadCheckpoints, saveCheckpoints, type TailRecord } from './index';
import { legacyFingerprintOf } from './fingerprint';

async function setup(): Promise<{ root: string; dir: string; cp: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tail-id-'));
  const dir = path.join(root, 'logs');
  await fs.mkdir(dir);
  return { root, dir, cp: path.join(root, 'state', 'checkpoints.json') };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits for two more completed rescans: whatever the directory held has been read (or held back) by then. */
async function settled(t: FileTailer): Promise<void> {
  const n = t.stats().rescans;
  await until(() => t.stats().rescans >= n + 2);
}
const lines = (from: number, to: number, tag: string): string => Array.from({ length: to - from }, (_, i) => `${tag} ${from + i}\n`).join('');
const BANNER = '# service log, format v1 - this banner starts every file\n';
const HEADER = 'time,level,component,message,' + 'x'.repeat(1100) + '\n'; // a CSV header longer than N = 1 KiB

function tailer(dir: string, cp: string, got: TailRecord[], extra: Partial<ConstructorParameters<typeof FileTailer>[0]> = {}): FileTailer {
  return new FileTailer({ dir, checkpointPath: cp, pollIntervalMs: 50, shortFileIdleMs: 200, onRecords: async (r) => void got.push(...r), ...extra });
}

describe('file identity (issue 17, defect 1)', () => {
  it('defect 1 (file identity by first line): two files sharing a first line, or their whole first KiB, MUST both be read under different identities', async () => {
    const { dir, cp } = await setup();
    await fs.writeFile(path.join(dir, 'a.log'), BANNER + lines(0, 40, 'a'));
    await fs.writeFile(path.join(dir, 'b.log'), BANNER + lines(0, 40, 'b'));
    await fs.writeFile(path.join(dir, 'c.csv'), HEADER + lines(0, 40, 'c'));
    await fs.writeFile(path.join(dir, 'd.csv'), HEADER + lines(0, 40, 'd'));
    const got: TailRecord[] = [];
    const t = tailer(dir, cp, got);
    await t.start();
    await until(() => got.length === 4 * 41);
    const ids = new Set(got.map((r) => `${r.identity}@${r.offset}`));
    expect(ids.size).toBe(4 * 41);
    expect(new Set(got.map((r) => r.identity)).size).toBe(4);
    await t.shutdown();
  });

  it('defect 1 (file identity by first line): after rename rotation the new file MUST be read while the old one exists, and a file created after deletion MUST get a new identity and be read from its start', async () => {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'app.log');
    await fs.writeFile(file, BANNER + lines(0, 50, 'old'));
    const got: TailRecord[] = [];
    const t = tailer(dir, cp, got);
    await t.start();
    await until(() => got.length === 51);
    const oldIdentity = got[0].identity;
    await fs.rename(file, path.join(dir, 'app.log.1'));
    await fs.writeFile(file, BANNER + lines(0, 50, 'new'));
    await until(() => got.length === 102);
    await settled(t);
    expect(got.length).toBe(102);
    const second = got.slice(51);
    expect(second.map((r) => r.text)).toEqual((BANNER + lines(0, 50, 'new')).trimEnd().split('\n'));
    expect(second[0].identity).not.toBe(oldIdentity);
    await t.shutdown();

    // Both gone, then a file that starts with the same banner line but goes on differently:
    // new identity, read from byte 0. (A file holding a deleted file's
    // whole content through its checkpoint is taken as that file's copy — identity.ts rule 2.)
    await fs.rm(file);
    await fs.rm(path.join(dir, 'app.log.1'));
    await fs.writeFile(file, BANNER + lines(0, 50, 'fresh') + lines(50, 60, 'later'));
    const got2: TailRecord[] = [];
    const t2 = tailer(dir, cp, got2);
    await t2.start();
    await until(() => got2.length === 61);
    expect(got2[0].offset).toBe(0);
    expect(got2[0].identity).not.toBe(oldIdentity);
    expect(got2[0].identity).not.toBe(second[0].identity);
    await t2.shutdown();
  });

  it('defect 1 (file identity by first line): a file shorter than the fingerprint length MUST wait until it reaches N bytes or is idle', async () => {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'short.log');
    await fs.writeFile(file, 'one\n');
    const got: TailRecord[] = [];
    const t = tailer(dir, cp, got, { fingerprintBytes: 64, shortFileIdleMs: 1500 });
    await t.start();
    await settled(t);
    expect(got).toHaveLength(0); // 4 bytes < 64, not idle yet
    await fs.appendFile(file, lines(0, 10, 'more')); // now past 64 bytes: read at once
    await until(() => got.length === 11, 1000);
    await fs.writeFile(path.join(dir, 'tiny.log'), 'alone\n');
    await until(() => got.length === 12, 4000); // idle: read with a fingerprint of its 6 bytes
    expect(got[11].text).toBe('alone');
    await t.shutdown();
  });

  it('defect 1 / defect 11 (symlink exposure): a symbolic link leaving the watched directory MUST NOT be followed unless configured', async () => {
    const { root, dir, cp } = await setup();
    const secret = path.join(root, 'secret.txt');
    await fs.writeFile(secret, 'root:x:0:0\n');
    await fs.symlink(secret, path.join(dir, 'passwd.log'));
    await fs.writeFile(path.join(dir, 'app.log'), 'visible\n');
    await fs.symlink(path.join(dir, 'app.log'), path.join(dir, 'alias.log'));
    const got: TailRecord[] = [];
    const t = tailer(dir, cp, got);
    await t.start();
    await until(() => got.length === 1);
    await settled(t);
    expect(got.map((r) => r.text)).toEqual(['visible']);
    expect(t.stats().symlinksSkipped).toBe(2);
    await t.shutdown();

    const got2: TailRecord[] = [];
    const t2 = tailer(dir, path.join(root, 'cp2.json'), got2, { followSymlinks: true });
    await t2.start();
    await until(() => got2.length === 2);
    expect(got2.map((r) => r.text).sort()).toEqual(['root:x:0:0', 'visible']);
    await t2.shutdown();
  });

  it('carries a format 1 checkpoint over: same identity (so the same event ids), same offset', async () => {
    const { dir, cp } = await setup();
    const file = path.join(dir, 'app.log');
    await fs.writeFile(file, lines(0, 10, 'line'));
    const fh = await fs.open(file, 'r');
    const legacy = (await legacyFingerprintOf(fh))!;
    await fh.close();
    await fs.mkdir(path.dirname(cp), { recursive: true });
    await fs.writeFile(cp, JSON.stringify({ version: 1, checkpoints: [{ fingerprint: legacy, offset: lines(0, 6, 'line').length, path: file, updatedAtMs: 1 }] }));
    const got: TailRecord[] = [];
    const t = tailer(dir, cp, got);
    await t.start();
    await until(() => got.length === 4);
    await settled(t);
    expect(got.map((r) => r.text)).toEqual(lines(6, 10, 'line').trimEnd().split('\n'));
    expect(got[0].identity).toBe(legacy);
    await t.shutdown();
    const saved = await loadCheckpoints(cp);
    expect([...saved.checkpoints.keys()]).toEqual([legacy]);
    await saveCheckpoints(cp, saved.checkpoints.values());
  });
});
