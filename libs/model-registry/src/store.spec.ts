import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalModelStore, isS3Uri, openModelStore, parseS3Uri, previousVersion, s3EnvSchema, s3SettingsFromEnv } from './index';

describe('s3:// locations and settings (docs/detector.md, "Models on object storage")', () => {
  it('parses bucket and prefix, and names what is wrong', () => {
    expect(isS3Uri('S3://b/x')).toBe(true);
    expect(isS3Uri('./models')).toBe(false);
    expect(parseS3Uri('s3://models')).toEqual({ bucket: 'models', prefix: '' });
    expect(parseS3Uri('s3://models/fleet/a/')).toEqual({ bucket: 'models', prefix: 'fleet/a' });
    expect(() => parseS3Uri('s3://ab/x')).toThrow(/bucket name "ab" is not valid/);
    expect(() => parseS3Uri('s3://models/a/../b')).toThrow(/"\.\." part/);
    expect(() => parseS3Uri('http://x/y')).toThrow(/not an s3:\/\/bucket\/prefix URI/);
  });
  it('turns MODEL_STORE_* variables into client settings; keys go in pairs', () => {
    expect(s3SettingsFromEnv(s3EnvSchema.parse({}))).toEqual({ region: 'us-east-1', forcePathStyle: false, timeoutMs: 10_000 });
    expect(s3SettingsFromEnv(s3EnvSchema.parse({ MODEL_STORE_ENDPOINT: 'http://127.0.0.1:9000', MODEL_STORE_PATH_STYLE: 'on', MODEL_STORE_ACCESS_KEY_ID: 'a', MODEL_STORE_SECRET_ACCESS_KEY: 'b' }))).toEqual({
      endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, timeoutMs: 10_000,
    });
    expect(s3EnvSchema.safeParse({ MODEL_STORE_SECRET_ACCESS_KEY: 'b' }).success).toBe(false);
    expect(s3EnvSchema.safeParse({ MODEL_STORE_UNKNOWN: 'x' }).success).toBe(false);
  });
});

describe('LocalModelStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'local-store-'));
  });
  afterEach(() => fsp.rm(root, { recursive: true, force: true }));

  it('is what openModelStore gives for a directory: write, current, list, previousVersion, prune; its lease is always granted', async () => {
    const store = openModelStore(root);
    expect(store).toBeInstanceOf(LocalModelStore);
    for (const v of ['v1', 'v2', 'v3']) await store.write([{ name: 'a.json', data: '{}' }], { kind: 'keys' }, { version: v });
    expect(await store.current()).toBe('v3');
    expect(await store.list()).toEqual(['v1', 'v2', 'v3']);
    expect(await previousVersion(store)).toBe('v2');
    await store.activate('v1');
    await expect(previousVersion(store)).rejects.toThrow(/no version older than v1/);
    expect(await store.prune(1)).toEqual(['v2']);
    expect((await store.read('v3')).manifest.version).toBe('v3');
    const a = await store.acquireLease('a', 1000);
    const b = await store.acquireLease('b', 1000);
    expect([a.ok, b.ok]).toEqual([true, true]);
    store.close();
  });
});
