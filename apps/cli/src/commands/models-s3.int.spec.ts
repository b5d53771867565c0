/**
 * `log-sentinel train --out s3://…`, `detect --model s3://…` and `models list|show|promote|
 * rollback|prune` through the compiled CLI against a real MinIO (docs/detector.md, "Models on
 * object storage"). Run `npm run build` first; `npm test` does.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { minioMissing, startMinio, type Minio } from '@log-sentinel/minio-server';

const skip = minioMissing('apps/cli/src/commands/models-s3.int.spec.ts');
const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'apps/cli/dist/main.js');
const data = path.join(root, 'testdata', 'hdfs_deeplog');
const HDFS_RAW = path.join(root, 'testdata', 'labeled_raw', 'HDFS_2k', 'HDFS_2k.log');

(skip ? describe.skip : describe)('log-sentinel with an S3 model store', () => {
  let minio: Minio;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'models-s3-cli-'));
  const trainFile = path.join(tmp, 'train');
  const abnormalFile = path.join(tmp, 'abnormal');
  const store = 's3://cli-models/hdfs';
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...minio.env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const json = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const versions: string[] = [];

  beforeAll(async () => {
    minio = await startMinio();
    await minio.createBucket('cli-models');
    const lines = (f: string, n: number) => fs.readFileSync(path.join(data, f), 'utf8').split('\n').slice(0, n).join('\n') + '\n';
    fs.writeFileSync(trainFile, lines('hdfs_train', 300));
    fs.writeFileSync(abnormalFile, lines('hdfs_test_abnormal', 20));
    for (let i = 0; i < 3; i++) {
      const r = run('train', '--input', trainFile, '--format', 'keys', '--out', store, '--epochs', '2', '--threads', '1', '--seed', String(i + 1));
      if (r.code !== 0) throw new Error(`train --out ${store} failed: ${r.stderr}`);
      const summary = json(r.stdout).pop()!;
      expect(summary).toMatchObject({ format: 'keys', model_dir: store, dir: `${store}/${summary.version as string}` });
      expect(Object.keys(summary).slice(0, 5)).toEqual(['format', 'model_dir', 'version', 'dir', 'records']); // the summary's field order is a contract
      versions.push(summary.version as string);
    }
  }, 300_000);
  afterAll(async () => {
    await minio?.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('train --out s3:// publishes versions; models list and show read them back', () => {
    const list = run('models', 'list', '--store', store);
    expect(list.code).toBe(0);
    const rows = json(list.stdout);
    expect(rows.map((r) => r.version)).toEqual(versions);
    expect(rows.map((r) => r.current)).toEqual([false, false, true]);
    expect(rows[0]).toMatchObject({ kind: 'keys', created: expect.any(String) });
    const show = run('models', 'show', versions[0]!, '--store', store);
    expect(show.code).toBe(0);
    expect(json(show.stdout)[0]).toMatchObject({ version: versions[0], kind: 'keys', files: { 'deeplog.onnx': { sha256: expect.any(String) } } });
  });

  it('detect --model s3:// scores with the current version, or with one named version', () => {
    const r = run('detect', '--model', store, '--input', abnormalFile, '--format', 'keys');
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toHaveLength(20);
    expect(r.stderr).toContain(`(model ${versions[2]})`);
    const one = run('detect', '--model', `${store}/${versions[0]}`, '--input', abnormalFile, '--format', 'keys');
    expect(one.code).toBe(0);
    expect(one.stderr).toContain(`(model ${versions[0]})`);
    const none = run('detect', '--model', `${store}/v-nope`, '--input', abnormalFile, '--format', 'keys');
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/--model: s3:\/\/cli-models\/hdfs\/v-nope is neither a model registry/);
  });

  it('promote, rollback and prune move current and keep the last N', () => {
    const promote = run('models', 'promote', versions[0]!, '--store', store);
    expect(promote.code).toBe(0);
    expect(json(promote.stdout)[0]).toEqual({ current: versions[0], previous: versions[2] });
    const rollbackNone = run('models', 'rollback', '--store', store);
    expect(rollbackNone.code).toBe(3);
    expect(rollbackNone.stderr).toMatch(/no version older than/);
    expect(run('models', 'promote', versions[2]!, '--store', store).code).toBe(0);
    const rollback = run('models', 'rollback', '--store', store);
    expect(json(rollback.stdout)[0]).toEqual({ current: versions[1], previous: versions[2] });
    const prune = run('models', 'prune', '--keep', '1', '--store', store);
    expect(prune.code).toBe(0);
    // the newest is kept, and current (versions[1]) is never deleted
    expect(json(prune.stdout)[0]).toEqual({ deleted: [versions[0]], kept: [versions[1], versions[2]], current: versions[1] });
  });

  it('refuses a truncated object and names bad input', async () => {
    await minio.client.send(new PutObjectCommand({ Bucket: 'cli-models', Key: `hdfs/${versions[2]}/deeplog.onnx`, Body: 'truncated' }));
    const promote = run('models', 'promote', versions[2]!, '--store', store);
    expect(promote.code).toBe(3);
    expect(promote.stderr).toMatch(/deeplog\.onnx does not match its checksum/);
    expect(json(run('models', 'show', '--store', store).stdout)[0]).toMatchObject({ version: versions[1] });
    const badUri = run('models', 'list', '--store', 's3://Bad_Bucket/x');
    expect(badUri.code).toBe(2);
    expect(badUri.stderr).toMatch(/--store: .*bucket name "Bad_Bucket" is not valid/);
    const badEnv = spawnSync(process.execPath, [cli, 'models', 'list', '--store', store], { cwd: root, encoding: 'utf8', env: { ...process.env, ...minio.env, MODEL_STORE_PATH_STYLE: 'maybe' } });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toMatch(/MODEL_STORE_PATH_STYLE/);
    const down = spawnSync(process.execPath, [cli, 'models', 'list', '--store', store], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ...minio.env, MODEL_STORE_ENDPOINT: 'http://127.0.0.1:1', MODEL_STORE_TIMEOUT_MS: '1000' },
    });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/--store: s3:\/\/cli-models\/hdfs: .*failed/);
    // raw training straight to S3 as well
    const raw = run('train', '--input', HDFS_RAW, '--format', 'raw', '--log-format', '<Date> <Time> <Pid> <Level> <Component>: <Content>', '--out', 's3://cli-models/raw');
    expect(raw.code).toBe(0);
    const rawSummary = json(raw.stdout).pop()!;
    expect(rawSummary).toMatchObject({ format: 'raw', model_dir: 's3://cli-models/raw', dir: `s3://cli-models/raw/${rawSummary.version as string}` });
    expect(Object.keys(rawSummary).slice(0, 5)).toEqual(['format', 'model_dir', 'version', 'dir', 'records']);
  });
});

describe('log-sentinel models on a local registry directory', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'models-dir-cli-'));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('list, promote, rollback and prune work on --store DIR as on S3', () => {
    const trainFile = path.join(tmp, 'train');
    fs.writeFileSync(trainFile, fs.readFileSync(path.join(data, 'hdfs_train'), 'utf8').split('\n').slice(0, 200).join('\n') + '\n');
    const dir = path.join(tmp, 'models');
    const versions: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = run('train', '--input', trainFile, '--format', 'keys', '--out', dir, '--epochs', '1', '--threads', '1');
      expect(r.code).toBe(0);
      versions.push((JSON.parse(r.stdout.trim().split('\n').pop()!) as { version: string }).version);
    }
    const list = run('models', 'list', '--store', dir);
    expect(list.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { version: string; current: boolean }).current)).toEqual([false, true]);
    expect(JSON.parse(run('models', 'rollback', '--store', dir).stdout)).toEqual({ current: versions[0], previous: versions[1] });
    expect(fs.readFileSync(path.join(dir, 'current'), 'utf8').trim()).toBe(versions[0]);
    expect(JSON.parse(run('models', 'promote', versions[1]!, '--store', dir).stdout)).toEqual({ current: versions[1], previous: versions[0] });
    expect(JSON.parse(run('models', 'prune', '--keep', '1', '--store', dir).stdout)).toEqual({ deleted: [versions[0]], kept: [versions[1]], current: versions[1] });
    const missing = run('models', 'promote', 'v-nope', '--store', dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/--store: cannot read .*v-nope/);
    const noKeep = run('models', 'prune', '--keep', '0', '--store', dir);
    expect(noKeep.code).toBe(2);
    expect(noKeep.stderr).toMatch(/--keep must be a positive integer/);
  });
});
