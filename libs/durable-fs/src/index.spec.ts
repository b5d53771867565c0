import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replaceFileAtomic, replaceFileAtomicSync, syncDir, writeFileSynced } from './index';

describe('durable-fs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-fs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces a file whole, leaving no temp file behind (async and sync)', async () => {
    const f = path.join(dir, 'state.json');
    await writeFileSynced(f, 'old');
    await replaceFileAtomic(f, 'new contents');
    expect(fs.readFileSync(f, 'utf8')).toBe('new contents');
    replaceFileAtomicSync(f, Buffer.from('sync contents'));
    expect(fs.readFileSync(f, 'utf8')).toBe('sync contents');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
    await syncDir(dir);
  });

  it('keeps the old file and removes the temp file when the rename cannot happen', async () => {
    const target = path.join(dir, 'occupied');
    fs.mkdirSync(path.join(target, 'child'), { recursive: true }); // a non-empty directory cannot be renamed over
    await expect(replaceFileAtomic(target, 'x')).rejects.toThrow();
    expect(() => replaceFileAtomicSync(target, 'x')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['occupied']);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('fails naming the path when the directory does not exist', async () => {
    await expect(replaceFileAtomic(path.join(dir, 'missing', 'f'), 'x')).rejects.toThrow(/missing/);
  });
});
