/**
 * Detectors sharing one S3 model store (MODEL_STORE) on a real MinIO: one learns under the
 * training lease and both serve its version; promote/rollback reach both; a truncated
 * object is refused while the serving model stays; the store unreachable at start and
 * mid-run (the local copy serves); the lease of a killed learner expires and another
 * detector trains; the optional export of training records and detection results. See docs/detector.md, "Models on object storage".
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { minioMissing, startMinio, type Minio } from '@log-sentinel/minio-server';
import { LEASE_OBJECT, openModelStore, s3EnvSchema, s3SettingsFromEnv, type ModelStore } from '@log-sentinel/model-registry';
import { trainModelFiles } from '@log-sentinel/pipeline';
import { ROOT, detect, domain, getModel, rawFlows, startDetector, stopAll, stop, waitFor, wire, type Proc } from './testing/detector-harness';

const skip = minioMissing('apps/detector/src/shared-store.int.spec.ts');
jest.setTimeout(240_000);

(skip ? describe.skip : describe)('detectors on one S3 model store', () => {
  let minio: Minio;
  let tmp: string;
  let trained: Awaited<ReturnType<typeof trainModelFiles>>;
  let n = 0;

  /** A fresh bucket: its URI and a store client for the test's own checks. */
  async function bucket(): Promise<{ uri: string; bucket: string; store: ModelStore }> {
    const name = `shared-${++n}`;
    await minio.createBucket(name);
    const uri = `s3://${name}/detectors`;
    return { uri, bucket: name, store: openModelStore(uri, { s3: s3SettingsFromEnv(s3EnvSchema.parse(minio.env)) }) };
  }
  const detector = (uri: string, name: string, env: Record<string, string> = {}): Promise<Proc> =>
    startDetector({
      ...minio.env,
      MODEL_STORE: uri,
      MODEL_DIR: path.join(tmp, `${uri.replace(/\W+/g, '-')}-${name}`),
      DETECTOR_ID: name,
      DETECTOR_RELOAD_POLL_MS: '200',
      MODEL_STORE_LEASE_RETRY_MS: '300',
      MODEL_STORE_TIMEOUT_MS: '2000',
      ...env,
    });

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-store-int-'));
    minio = await startMinio();
    trained = await trainModelFiles(domain, { maxEpochs: 30 }, () => undefined);
  }, 300_000);
  afterEach(() => stopAll());
  afterAll(async () => {
    await minio?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('two detectors learning on one store: exactly one trains (lease), both then serve its version', async () => {
    const { uri, store } = await bucket();
    const learn = { DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '3' };
    const [a, b] = await Promise.all([detector(uri, 'det-a', learn), detector(uri, 'det-b', learn)]);
    // both reach their learning target at once
    await Promise.all([a, b].map((p) => detect(p, rawFlows.slice(0, 1200))));
    await waitFor('both serving', async () => (await Promise.all([a, b].map(getModel))).every((m) => m.status === 'scored'));
    const [ma, mb] = await Promise.all([a, b].map(getModel));
    expect(ma!.version).toBe(mb!.version);
    // one version only: the other detector did not publish over it
    expect(await store.list()).toEqual([ma!.version]);
    expect(await store.current()).toBe(ma!.version);
    const res = await Promise.all([a, b].map((p) => detect(p, wire.slice(0, 50))));
    for (const r of res) expect(r.results.every((x) => x.status === 'scored' && x.model_version === ma!.version)).toBe(true);
    store.close();
  });

  it('promote and rollback reach both detectors within the poll interval; a truncated object is refused and the serving model stays', async () => {
    const { uri, bucket: name, store } = await bucket();
    const { version: v1 } = await store.write(trained.files, trained.meta, { version: 'v1' });
    const { version: v2 } = await store.write(trained.files, trained.meta, { version: 'v2' });
    const both = await Promise.all([detector(uri, 'det-a'), detector(uri, 'det-b')]);
    for (const m of await Promise.all(both.map(getModel))) expect(m.version).toBe(v2);
    const t0 = Date.now();
    await store.activate(v1); // what `log-sentinel models promote v1` does
    await waitFor('both on v1', async () => (await Promise.all(both.map(getModel))).every((m) => m.version === v1), 10_000);
    const switchMs = Date.now() - t0;
    process.stderr.write(`promote v1 seen by both detectors after ${switchMs} ms (poll 200 ms)\n`);
    await store.activate(v2);
    await waitFor('both on v2', async () => (await Promise.all(both.map(getModel))).every((m) => m.version === v2), 10_000);
    // v3: complete manifest, but its ONNX object truncated after upload; current forced to it
    await store.write(trained.files, trained.meta, { version: 'v3', activate: false });
    const key = 'detectors/v3/deeplog.onnx';
    const full = Buffer.from(await (await minio.client.send(new GetObjectCommand({ Bucket: name, Key: key }))).Body!.transformToByteArray());
    await minio.client.send(new PutObjectCommand({ Bucket: name, Key: key, Body: full.subarray(0, full.length >> 1) }));
    await minio.client.send(new PutObjectCommand({ Bucket: name, Key: 'detectors/current', Body: 'v3\n' }));
    await waitFor('both refuse v3', () => both.every((p) => /refused model version/.test(p.stderr()) && /deeplog\.onnx does not match its checksum/.test(p.stderr())), 10_000);
    for (const p of both) {
      expect((await getModel(p)).version).toBe(v2);
      expect((await detect(p, wire.slice(0, 5))).results.every((r) => r.model_version === v2)).toBe(true);
    }
    store.close();
  });

  it('store unreachable mid-run: serving goes on; at start: the local copy serves; back again: new versions are picked up', async () => {
    const { uri, store } = await bucket();
    await store.write(trained.files, trained.meta, { version: 'v1' });
    const a = await detector(uri, 'det-a');
    expect((await getModel(a)).version).toBe('v1');
    await minio.stop();
    try {
      await waitFor('the unreachable store logged', () => /model store pointer unreadable; keeping the serving model/.test(a.stderr()), 15_000);
      expect((await detect(a, wire.slice(0, 20))).results.every((r) => r.status === 'scored' && r.model_version === 'v1')).toBe(true);
      // a restart while the store is down serves the local copy of what it served
      await stop(a);
      const again = await detector(uri, 'det-a');
      expect(again.stderr()).toMatch(/model store unreachable at start; serving the local copy/);
      expect((await getModel(again)).version).toBe('v1');
      expect((await detect(again, wire.slice(0, 20))).results.every((r) => r.status === 'scored')).toBe(true);
      await minio.start();
      await store.write(trained.files, trained.meta, { version: 'v2' });
      await waitFor('v2 picked up after the store came back', async () => (await getModel(again)).version === 'v2', 20_000);
    } finally {
      await minio.start().catch(() => undefined);
    }
    store.close();
  });

  it('the lease of a learner killed while training expires; another detector then trains and publishes', async () => {
    const { uri, bucket: name, store } = await bucket();
    const ttl = { MODEL_STORE_LEASE_TTL_MS: '6000' };
    const killed = await detector(uri, 'det-killed', { ...ttl, DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '200' });
    await detect(killed, rawFlows.slice(0, 1200));
    const leaseHolder = async (): Promise<string | undefined> => {
      try {
        const res = await minio.client.send(new GetObjectCommand({ Bucket: name, Key: `detectors/${LEASE_OBJECT}` }));
        return (JSON.parse(await res.Body!.transformToString()) as { holder: string }).holder;
      } catch {
        return undefined;
      }
    };
    await waitFor('the learner holding the lease', async () => (await leaseHolder()) === 'det-killed', 30_000);
    const exited = new Promise((r) => killed.child.once('exit', r));
    killed.child.kill('SIGKILL');
    await exited;
    const other = await detector(uri, 'det-b', { ...ttl, DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '3' });
    await detect(other, rawFlows.slice(0, 1200));
    // denied while the dead learner's lease lasts, then it takes the expired lease and trains
    await waitFor('det-b serving its own model', async () => (await getModel(other)).status === 'scored', 90_000);
    expect(other.stderr()).toMatch(/"holder":"det-killed".*another detector holds the training lease/);
    const v = (await getModel(other)).version;
    expect(await store.list()).toEqual([v]);
    expect(await store.current()).toBe(v);
    store.close();
  });

  it('MODEL_STORE_EXPORT=all: the training records and the detection results land in the store as gzip JSONL, date-partitioned', async () => {
    const { uri, bucket: name, store } = await bucket();
    const p = await detector(uri, 'det-x', { DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '3', MODEL_STORE_EXPORT: 'all', MODEL_STORE_EXPORT_FLUSH_MS: '200' });
    await detect(p, rawFlows.slice(0, 1200));
    await waitFor('the first model', async () => (await getModel(p)).status === 'scored');
    const version = (await getModel(p)).version;
    await detect(p, wire.slice(0, 30));
    await detect(p, wire.slice(30, 50));
    const objects = async (kind: string) =>
      ((await minio.client.send(new ListObjectsV2Command({ Bucket: name, Prefix: `detectors/exports/${kind}/` }))).Contents ?? []).map((o) => o.Key!);
    const rowsOf = async (key: string) => {
      const res = await minio.client.send(new GetObjectCommand({ Bucket: name, Key: key }));
      return gunzipSync(Buffer.from(await res.Body!.transformToByteArray())).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const day = new Date().toISOString().slice(0, 10);
    expect(await objects('training')).toEqual([`detectors/exports/training/dt=${day}/${version}.jsonl.gz`]);
    const training = await rowsOf(`detectors/exports/training/dt=${day}/${version}.jsonl.gz`);
    expect(training).toHaveLength(1200);
    expect(training[0]).toMatchObject({ id: rawFlows[0]!.id, message: rawFlows[0]!.message });
    await waitFor('50 exported detection results', async () => (await Promise.all((await objects('detections')).map(rowsOf))).flat().length === 50, 10_000);
    const keys = await objects('detections');
    expect(keys.every((k) => k.startsWith(`detectors/exports/detections/dt=${day}/det-x-`) && k.endsWith('.jsonl.gz'))).toBe(true);
    const results = (await Promise.all(keys.map(rowsOf))).flat();
    expect(results.map((r) => r.record_id).sort()).toEqual(wire.slice(0, 50).map((r) => r.id).sort());
    expect(results.every((r) => r.model_version === version && typeof r.score === 'number' && r.detector === 'det-x')).toBe(true);
    store.close();
  });

  it('a Train call while another detector holds the lease fails FAILED_PRECONDITION naming it; once released, Train publishes and both detectors load the version', async () => {
    const { uri, store } = await bucket();
    await store.write(trained.files, trained.meta, { version: 'v1' });
    const both = await Promise.all([detector(uri, 'det-a'), detector(uri, 'det-b')]);
    const held = await store.acquireLease('det-elsewhere', 60_000);
    if (!held.ok) throw new Error('the test could not take the lease');
    const train = (p: Proc) =>
      new Promise<{ version?: string; error?: grpc.ServiceError }>((resolve) => {
        const call = p.client.Train();
        let version = '';
        call.on('data', (m: { model_version: string }) => (version = m.model_version || version));
        call.on('end', () => resolve({ version }));
        call.on('error', (error: grpc.ServiceError) => resolve({ error }));
        call.write({ options: { activate: true, max_epochs: 2 }, records: wire.slice(0, 400) });
        call.end();
      });
    const denied = await train(both[0]!);
    expect(denied.error?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(denied.error?.details).toMatch(/detector det-elsewhere holds the training lease of s3:\/\/shared-\d+\/detectors/);
    await held.lease.release();
    const done = await train(both[0]!);
    expect(done.error).toBeUndefined();
    await waitFor('both on the trained version', async () => (await Promise.all(both.map(getModel))).every((m) => m.version === done.version), 10_000);
    expect(await store.list()).toEqual(['v1', done.version]);
    store.close();
  });
});
