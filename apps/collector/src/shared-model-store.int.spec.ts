/**
 * One model for the whole fleet (docs/detector.md, "Models on object storage"): two real
 * detectors and one collector, the detectors pointed at one bucket of a real MinIO
 * (MODEL_STORE), serve one model version; `log-sentinel models promote` of an older version
 * switches both within the poll interval, as the documents in Elasticsearch show.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { minioMissing, startMinio, type Minio } from '@log-sentinel/minio-server';
import { openModelStore, readModelVersion, resolveModelDir, s3EnvSchema, s3SettingsFromEnv } from '@log-sentinel/model-registry';
import { loadDetectorProto, type DetectorClient } from '@log-sentinel/proto';
import { trainedModelDir, flowOf } from './testing/trained-model';
import { ES_URL, ROOT, dropPrefix, freePort, indexedDocs, postLogs, startCollector, startDetector, tmpDir, until, type Proc } from './testing/harness';

const skip = minioMissing('apps/collector/src/shared-model-store.int.spec.ts');
jest.setTimeout(300_000);

const POLL_MS = 500;
const rows = (blk: string, messages: string[]): string =>
  messages.map((m) => JSON.stringify({ level: 'INFO', source: 'hdfs', host: 'dn1', session_id: blk, message: m })).join('\n') + '\n';

(skip ? describe.skip : describe)('two detectors and a collector on one S3 model store', () => {
  let minio: Minio;
  const procs: Proc[] = [];
  const clients: DetectorClient[] = [];
  const prefix = `it-coll-s3store-${Date.now()}`;

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/collector', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
    minio = await startMinio();
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(procs.map((p) => p.stop()));
    await minio?.destroy();
    await dropPrefix(prefix);
  });

  const version = (c: DetectorClient): Promise<string> =>
    new Promise((resolve, reject) => c.GetModel({}, { deadline: Date.now() + 5000 }, (err, res) => (err ? reject(err) : resolve(res!.version))));

  it('serve one version; `models promote` of an older one switches both within the poll interval (documents show it)', async () => {
    const work = await tmpDir('s3store');
    // two versions of one trained model in the bucket: old, then new (current)
    await minio.createBucket('fleet');
    const uri = 's3://fleet/models';
    const store = openModelStore(uri, { s3: s3SettingsFromEnv(s3EnvSchema.parse(minio.env)) });
    const local = await readModelVersion(await resolveModelDir(await trainedModelDir(work)));
    const files = Object.keys(local.manifest.files).map((name) => ({ name, data: local.file(name) }));
    const m = local.manifest;
    await store.write(files, { kind: m.kind, training: m.training, metrics: m.metrics, config: m.config }, { version: 'v20260101-old' });
    await store.write(files, { kind: m.kind, training: m.training, metrics: m.metrics, config: m.config }, { version: 'v20260601-new' });
    store.close();

    const ports = [await freePort(), await freePort()];
    for (const [i, port] of ports.entries()) {
      procs.push(
        await startDetector(port, path.join(work, `local-copy-${i}`), { ...minio.env, MODEL_STORE: uri, DETECTOR_ID: `det-${i}`, DETECTOR_RELOAD_POLL_MS: String(POLL_MS) }),
      );
    }
    const { grpcType } = loadDetectorProto();
    for (const port of ports) clients.push(new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    expect(await Promise.all(clients.map(version))).toEqual(['v20260601-new', 'v20260601-new']);

    const c = await startCollector({
      SPOOL_DIR: path.join(work, 'spool'),
      COLLECTOR_STATE_DIR: path.join(work, 'state'),
      LOG_SENTINEL_DIR: 'off',
      ELASTIC_ADDR: ES_URL,
      ELASTIC_INDEX: prefix,
      ELASTIC_FLUSH_INTERVAL_MS: '50',
      DETECTOR_ADDR: ports.map((p) => `127.0.0.1:${p}`).join(','),
    });
    procs.push(c);
    // 8 sessions: the ring spreads them over both detectors
    const blocks = Array.from({ length: 8 }, (_, i) => `blk_78000000000000${String(i).padStart(2, '0')}`);
    const send = async (tag: string): Promise<void> => {
      for (const blk of blocks) expect((await postLogs(c.url, rows(blk, flowOf(blk).slice(0, 3).map((msg) => `${msg} ${tag}`.trim())))).status).toBe(200);
    };
    await send('');
    await until(async () => (await indexedDocs(prefix)).length === 24, 30_000, '24 documents');
    const versionsOf = async () =>
      new Set((await indexedDocs(prefix)).map((d) => (d['anomaly'] as { model_version: string }).model_version));
    expect(await versionsOf()).toEqual(new Set(['v20260601-new']));

    // the operator rolls the fleet back to the older version
    const t0 = Date.now();
    const promote = spawnSync(process.execPath, [path.join(ROOT, 'apps/cli/dist/main.js'), 'models', 'promote', 'v20260101-old', '--store', uri], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...minio.env },
    });
    expect(promote.status).toBe(0);
    expect(JSON.parse(promote.stdout)).toEqual({ current: 'v20260101-old', previous: 'v20260601-new' });
    await until(async () => (await Promise.all(clients.map(version))).every((v) => v === 'v20260101-old'), 10_000, 'both detectors on the old version');
    const switchMs = Date.now() - t0;
    process.stderr.write(`models promote: both detectors switched ${switchMs} ms after the command started (poll ${POLL_MS} ms)\n`);
    expect(switchMs).toBeLessThan(POLL_MS + 5000);

    const before = (await indexedDocs(prefix)).length;
    await send('again');
    await until(async () => (await indexedDocs(prefix)).length === before + 24, 30_000, '24 more documents');
    const docs = await indexedDocs(prefix);
    const byVersion = new Map<string, number>();
    for (const d of docs) {
      const v = (d['anomaly'] as { model_version: string }).model_version;
      byVersion.set(v, (byVersion.get(v) ?? 0) + 1);
    }
    expect(Object.fromEntries(byVersion)).toEqual({ 'v20260601-new': 24, 'v20260101-old': 24 });
  });
});
