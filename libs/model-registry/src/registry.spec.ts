import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ModelRegistryError,
  activateVersion,
  currentVersion,
  listVersions,
  pruneVersions,
  readModelVersion,
  resolveModelDir,
  writeModelVersion,
} from './index';

describe('model registry', () => {
  let root: string;
  beforeEach(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-'));
  });
  afterEach(async () => {
    await fsp.rm(root, { recursive: true, force: true });
  });

  const files = [
    { name: 'deeplog.json', data: '{"window":10}' },
    { name: 'deeplog.onnx', data: new Uint8Array([8, 7, 18, 3]) },
  ];

  it('writes a version with checksums and makes it current', async () => {
    const { version, dir } = await writeModelVersion(root, files, { kind: 'keys', metrics: { f1: 0.97 } });
    expect(await currentVersion(root)).toBe(version);
    expect(await resolveModelDir(root)).toBe(dir);
    expect(await resolveModelDir(dir)).toBe(dir);
    const loaded = await readModelVersion(dir);
    expect(loaded.manifest.version).toBe(version);
    expect(loaded.manifest.metrics).toEqual({ f1: 0.97 });
    expect(loaded.file('deeplog.json').toString()).toBe('{"window":10}');
    expect([...loaded.file('deeplog.onnx')]).toEqual([8, 7, 18, 3]);
    expect(loaded.manifest.files['deeplog.onnx']).toEqual({
      bytes: 4,
      sha256: createHash('sha256').update(new Uint8Array([8, 7, 18, 3])).digest('hex'),
    });
    expect(loaded.has('iforest.json')).toBe(false);
    expect(() => loaded.file('iforest.json')).toThrow(/has no iforest.json/);
    // no temp directories are left behind
    expect((await fsp.readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('keeps the current version when a new one is written without activation', async () => {
    const first = await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' });
    await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v2', activate: false });
    expect(await currentVersion(root)).toBe(first.version);
    expect(await listVersions(root)).toEqual(['v1', 'v2']);
    await activateVersion(root, 'v2');
    expect(await currentVersion(root)).toBe('v2');
  });

  it('refuses a version whose file no longer matches its checksum, naming the file', async () => {
    const { dir } = await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' });
    await fsp.writeFile(path.join(dir, 'deeplog.onnx'), new Uint8Array([0, 0, 0, 0]));
    await expect(readModelVersion(dir)).rejects.toThrow(/deeplog\.onnx does not match its checksum/);
    await expect(readModelVersion(dir)).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
  });

  it('refuses to activate a corrupt version and keeps the old pointer', async () => {
    await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' });
    const { dir } = await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v2', activate: false });
    await fsp.writeFile(path.join(dir, 'manifest.json'), '{ not json');
    await expect(activateVersion(root, 'v2')).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
    expect(await currentVersion(root)).toBe('v1');
  });

  it('refuses an unknown manifest format as incompatible', async () => {
    const { dir } = await writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' });
    const manifest = JSON.parse(await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8'));
    await fsp.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 99 }));
    await expect(readModelVersion(dir)).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE' });
  });

  it('names the problem when a path is neither a registry nor a version', async () => {
    await expect(resolveModelDir(path.join(root, 'missing'))).rejects.toThrow(/does not exist/);
    await expect(resolveModelDir(root)).rejects.toThrow(/neither a model registry/);
    await expect(resolveModelDir(root)).rejects.toBeInstanceOf(ModelRegistryError);
  });

  it('rejects unsafe version and file names', async () => {
    await expect(writeModelVersion(root, files, { kind: 'keys' }, { version: '../evil' })).rejects.toMatchObject({
      code: 'MODEL_INVALID_VERSION',
    });
    await expect(writeModelVersion(root, [{ name: 'a/b', data: 'x' }], { kind: 'keys' })).rejects.toMatchObject({
      code: 'MODEL_INVALID_VERSION',
    });
    await expect(writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' })).resolves.toBeDefined();
    await expect(writeModelVersion(root, files, { kind: 'keys' }, { version: 'v1' })).rejects.toThrow(/already exists/);
  });

  it('prunes old versions but never the current one', async () => {
    for (const v of ['v1', 'v2', 'v3', 'v4']) await writeModelVersion(root, files, { kind: 'keys' }, { version: v, activate: v === 'v1' });
    expect(await pruneVersions(root, 2)).toEqual(['v2']);
    expect(await listVersions(root)).toEqual(['v1', 'v3', 'v4']);
  });

  it('generates sortable version names', async () => {
    const a = await writeModelVersion(root, files, { kind: 'raw' }, { now: new Date('2026-01-01T00:00:00Z') });
    const b = await writeModelVersion(root, files, { kind: 'raw' }, { now: new Date('2026-01-02T00:00:00Z') });
    expect(a.version < b.version).toBe(true);
    expect(a.version).toMatch(/^v20260101T000000000Z-[0-9a-f]{4}$/);
  });
});
