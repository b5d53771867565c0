/**
 * S3ModelStore and its training lease against a real MinIO (infra/testing/minio.ts): the
 * same layout as a directory, publish order (objects, manifest, pointer), checksums verified
 * on load, conditional writes on the lease (If-None-Match / If-Match), the local copy.
 * See docs/detector.md, "Models on object storage".
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { minioMissing, startMinio, type Minio } from '@log-sentinel/minio-server';
import { ModelRegistryError, S3ModelStore, createS3Client, openModelStore, previousVersion, s3EnvSchema, s3SettingsFromEnv, type ModelStore } from './index';

const skip = minioMissing('libs/model-registry/src/s3-store.int.spec.ts');
const files = [
  { name: 'deeplog.json', data: '{"window":10}' },
  { name: 'deeplog.onnx', data: new Uint8Array(Array.from({ length: 300 }, (_, i) => i % 251)) },
];
const meta = { kind: 'keys' as const, training: { sessions: 3 } };

(skip ? describe.skip : describe)('S3 model store on MinIO', () => {
  let minio: Minio;
  let tmp: string;
  let n = 0;
  const settings = () => s3SettingsFromEnv(s3EnvSchema.parse(minio.env));
  /** A store on a fresh bucket. */
  async function freshStore(opts: { cacheDir?: string; prefix?: string } = {}): Promise<S3ModelStore> {
    const bucket = `models-${++n}`;
    await minio.createBucket(bucket);
    return openModelStore(`s3://${bucket}/${opts.prefix ?? 'fleet/a'}`, { s3: settings(), ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) }) as S3ModelStore;
  }
  const keysOf = async (bucket: string) =>
    ((await minio.client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();

  beforeAll(async () => {
    minio = await startMinio();
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 's3-store-'));
  }, 60_000);
  afterAll(async () => {
    await minio?.destroy();
    await fsp.rm(tmp, { recursive: true, force: true });
  });

  it('keeps the directory layout: <version>/<files>, <version>/manifest.json, current', async () => {
    const store = await freshStore();
    const { version } = await store.write(files, meta, { version: 'v1' });
    expect(version).toBe('v1');
    expect(await store.current()).toBe('v1');
    expect(await store.list()).toEqual(['v1']);
    expect(await keysOf('models-1')).toEqual(['fleet/a/current', 'fleet/a/v1/deeplog.json', 'fleet/a/v1/deeplog.onnx', 'fleet/a/v1/manifest.json']);
    const loaded = await store.read('v1');
    expect(loaded.dir).toBe('s3://models-1/fleet/a/v1');
    expect(loaded.manifest.training).toEqual({ sessions: 3 });
    expect(Buffer.from(loaded.file('deeplog.onnx'))).toEqual(Buffer.from(files[1]!.data));
    store.close();
  });

  it('publishes objects first, manifest next, pointer last (a reader never sees a half-written version)', async () => {
    const store = await freshStore();
    const puts: string[] = [];
    (store as unknown as { client: ReturnType<typeof createS3Client> }).client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') puts.push((args.input as { Key: string }).Key.replace('fleet/a/', ''));
        return next(args);
      },
      { step: 'initialize' },
    );
    await store.write(files, meta, { version: 'v2' });
    expect(puts).toEqual(['v2/deeplog.json', 'v2/deeplog.onnx', 'v2/manifest.json', 'current']);
    // objects without a manifest (a writer that died half-way) are no version at all
    await minio.client.send(new PutObjectCommand({ Bucket: `models-${n}`, Key: 'fleet/a/v3/deeplog.json', Body: '{}' }));
    expect(await store.list()).toEqual(['v2']);
    await expect(store.activate('v3')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(await store.current()).toBe('v2');
    // a version name is never written twice (the manifest is a conditional If-None-Match write)
    await expect(store.write(files, meta, { version: 'v2' })).rejects.toMatchObject({ code: 'MODEL_INVALID_VERSION' });
    store.close();
  });

  it('refuses a truncated or missing object on load, and activate leaves current alone', async () => {
    const store = await freshStore();
    await store.write(files, meta, { version: 'v1' });
    await store.write(files, meta, { version: 'v2', activate: false });
    const onnx = Buffer.from(files[1]!.data);
    await minio.client.send(new PutObjectCommand({ Bucket: `models-${n}`, Key: 'fleet/a/v2/deeplog.onnx', Body: onnx.subarray(0, 100) }));
    await expect(store.read('v2')).rejects.toThrow(/deeplog\.onnx does not match its checksum/);
    await expect(store.activate('v2')).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
    expect(await store.current()).toBe('v1');
    await store.write(files, meta, { version: 'v3', activate: false });
    await minio.client.send(new PutObjectCommand({ Bucket: `models-${n}`, Key: 'fleet/a/v3/manifest.json', Body: '{"formatVersion":1,' }));
    await expect(store.read('v3')).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
    store.close();
  });

  it('promote, rollback (previousVersion) and prune keep the last N, never the current one', async () => {
    const store: ModelStore = await freshStore({ prefix: '' });
    for (const v of ['v1', 'v2', 'v3', 'v4']) await store.write(files, meta, { version: v });
    expect(await previousVersion(store)).toBe('v3');
    await store.activate('v1');
    await expect(previousVersion(store)).rejects.toThrow(/no version older than v1/);
    expect(await store.prune(2)).toEqual(['v2']);
    expect(await store.list()).toEqual(['v1', 'v3', 'v4']);
    expect(await keysOf(`models-${n}`)).not.toContain('v2/deeplog.json');
    store.close();
  });

  it('the lease: one holder at a time (conditional writes), renewal, release, expiry', async () => {
    const store = await freshStore();
    // five detectors racing for a lease that does not exist yet: If-None-Match lets one win
    const race = await Promise.all(['d1', 'd2', 'd3', 'd4', 'd5'].map((h) => store.acquireLease(h, 60_000)));
    const winners = race.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as { lease: { holder: string } }).lease.holder;
    for (const r of race) if (!r.ok) expect(r.holder).toBe(winner);
    const held = winners[0]!;
    if (!held.ok) throw new Error('unreachable');
    expect(await held.lease.renew()).toBe(true);
    const other = winner === 'd1' ? 'd2' : 'd1';
    expect(await store.acquireLease(other, 60_000)).toMatchObject({ ok: false, holder: winner });
    await held.lease.release();
    const next = await store.acquireLease(other, 300);
    expect(next.ok).toBe(true);
    // expiry: a holder that stops renewing loses the lease; its late renewal fails (If-Match)
    await new Promise((r) => setTimeout(r, 400));
    const third = await store.acquireLease('d9', 60_000);
    expect(third.ok).toBe(true);
    if (next.ok) expect(await next.lease.renew()).toBe(false);
    store.close();
  });

  it('mirrors each version read into the cache dir, which serves while the store is unreachable', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const store = await freshStore({ cacheDir });
    await store.write(files, meta, { version: 'v1' });
    await store.read('v1');
    expect(await store.localCurrent()).toBe('v1');
    expect((await fsp.readFile(path.join(cacheDir, 'current'), 'utf8')).trim()).toBe('v1');
    await minio.stop();
    try {
      const t0 = Date.now();
      const err = await store.current().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelRegistryError);
      expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect((await store.read('v1')).manifest.version).toBe('v1');
    } finally {
      await minio.start();
    }
    store.close();
  }, 60_000);

  it('names a bad URI', () => {
    expect(() => openModelStore('s3://Bad_Bucket/x')).toThrow(/bucket name "Bad_Bucket" is not valid/);
    expect(() => openModelStore('s3://bucket/a//b')).toThrow(/empty, "\." or "\.\." part/);
  });
});
