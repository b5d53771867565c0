/**
 * End-to-end `log-sentinel train|detect|eval --format keys` on real HDFS sessions, through
 * the compiled CLI (run `npm run build` first; `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readModelVersion, resolveModelDir, writeModelVersion } from '@log-sentinel/model-registry';

const root = path.resolve(__dirname, '../../../../..');
const cli = path.join(root, 'apps/cli/dist/main.js');
const data = path.join(root, 'testdata', 'hdfs_deeplog');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('log-sentinel train/detect/eval --format keys', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-cli-'));
  const trainFile = path.join(tmp, 'train');
  const normalFile = path.join(tmp, 'normal');
  const abnormalFile = path.join(tmp, 'abnormal');
  const models = path.join(tmp, 'models');

  beforeAll(() => {
    const lines = (f: string, from: number, n: number) => fs.readFileSync(path.join(data, f), 'utf8').split('\n').slice(from, from + n).join('\n') + '\n';
    fs.writeFileSync(trainFile, lines('hdfs_train', 0, 400));
    fs.writeFileSync(normalFile, lines('hdfs_test_normal_subset', 0, 30));
    fs.writeFileSync(abnormalFile, lines('hdfs_test_abnormal', 0, 30));
    const r = run('train', '--input', trainFile, '--format', 'keys', '--out', models, '--epochs', '3', '--threads', '1');
    if (r.code !== 0) throw new Error(`train failed: ${r.stderr}`);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('train writes a registry: one version with deeplog.onnx, deeplog.json, iforest.json, and current', async () => {
    const dir = await resolveModelDir(models);
    const loaded = await readModelVersion(dir);
    expect(loaded.manifest.kind).toBe('keys');
    for (const f of ['deeplog.onnx', 'deeplog.json', 'iforest.json', 'invariants.json']) expect(loaded.has(f)).toBe(true);
    expect(loaded.has('counts.json')).toBe(true); // the count-range check is on by default (train --no-count-range leaves it out)
    const inv = JSON.parse(loaded.file('invariants.json').toString('utf8')) as { sessions: number; options: { minSupport: number }; invariants: unknown[] };
    expect(inv).toMatchObject({ sessions: 400, options: { minSupport: 0.999 } });
    expect(inv.invariants.length).toBeGreaterThan(0);
    const json = JSON.parse(loaded.file('deeplog.json').toString('utf8')) as { window: number; topG: number; endKey: string; vocabulary: string[]; acceptProbability: number };
    expect(json).toMatchObject({ window: 10, topG: 9, endKey: '<end>', acceptProbability: 3e-4 });
    expect(json.vocabulary.slice(0, 2)).toEqual(['<pad>', '<end>']);
  });

  it('detect writes one JSONL object per input session, in order, with both models', () => {
    const out = path.join(tmp, 'verdicts.jsonl');
    const r = run('detect', '--model', models, '--input', abnormalFile, '--format', 'keys', '--out', out);
    expect(r.code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(30);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ session: i + 1, is_anomaly: expect.any(Boolean), score: expect.any(Number), reasons: expect.any(Array) });
      const m = row.models as { deeplog: { is_anomaly: boolean }; invariants: { is_anomaly: boolean; violated: string[] }; counts: { is_anomaly: boolean }; iforest: { is_anomaly: boolean; score: number } };
      // the count-range check is on by default: its verdict is part of the session's
      expect(row.is_anomaly).toBe(m.deeplog.is_anomaly || m.invariants.is_anomaly || m.counts.is_anomaly);
      expect(m.counts).toMatchObject({ is_anomaly: expect.any(Boolean) });
      expect(m.invariants.violated.length > 0).toBe(m.invariants.is_anomaly);
      expect(typeof m.iforest.score).toBe('number');
    });
    expect(rows.filter((r2) => r2.is_anomaly).length).toBeGreaterThan(0);
  });

  it('eval prints precision, recall, F1, TP/FP/FN as JSON on the last line', () => {
    const r = run('eval', '--model', models, '--normal', normalFile, '--abnormal', abnormalFile, '--format', 'keys', '--scale-normal', '553366');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    for (const k of ['precision', 'recall', 'f1', 'tp', 'fp', 'fn']) expect(typeof last[k]).toBe('number');
    expect((last.tp as number) + (last.fn as number)).toBe(30);
    // each model alone, beside the combined verdict
    for (const m of ['deeplog', 'invariants', 'counts', 'iforest']) expect(last[m]).toMatchObject({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) });
  });

  it('train --pca --no-count-range adds the PCA baseline and leaves the count-range check out: pca.json and its line in eval, no counts.json and no counts line', async () => {
    const pcaModels = path.join(tmp, 'pca-models');
    expect(run('train', '--input', trainFile, '--format', 'keys', '--out', pcaModels, '--epochs', '3', '--threads', '1', '--pca', '--no-count-range').code).toBe(0);
    const loaded = await readModelVersion(await resolveModelDir(pcaModels));
    const pca = JSON.parse(loaded.file('pca.json').toString('utf8')) as { sessions: number; components: number[][]; threshold: number };
    expect(pca.sessions).toBe(400);
    expect(pca.components.length).toBeGreaterThan(0);
    expect(pca.threshold).toBeGreaterThan(0);
    const r = run('eval', '--model', pcaModels, '--normal', normalFile, '--abnormal', abnormalFile, '--format', 'keys');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, { recall: number; fp: number }>;
    // (its recall here may well be 0: trained on normal sessions only, TF-IDF gives the keys every block has no weight)
    expect(last.pca).toMatchObject({ tp: expect.any(Number), fn: expect.any(Number), fp: expect.any(Number), recall: expect.any(Number) });
    expect((last.pca as unknown as { tp: number; fn: number }).tp + (last.pca as unknown as { tp: number; fn: number }).fn).toBe(30);
    expect(loaded.has('counts.json')).toBe(false);
    expect(last.counts).toBeUndefined();
  });

  it('train --loganomaly-templates adds LogAnomaly: its two files, a per-session verdict naming top g and unseen templates, and its own line in eval', async () => {
    const laModels = path.join(tmp, 'la-models');
    const templates = path.join(root, 'testdata/loghub_2k/HDFS/HDFS_templates.csv');
    const t = run('train', '--input', trainFile, '--format', 'keys', '--out', laModels, '--epochs', '3', '--threads', '1', '--loganomaly-templates', templates);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout.trim().split('\n').pop()!)).toMatchObject({ loganomaly_top_g: expect.any(Number), loganomaly_train_s: expect.any(Number) });
    const loaded = await readModelVersion(await resolveModelDir(laModels));
    for (const f of ['loganomaly.onnx', 'loganomaly.json']) expect(loaded.has(f)).toBe(true);
    const out = path.join(tmp, 'la-verdicts.jsonl');
    expect(run('detect', '--model', laModels, '--input', abnormalFile, '--format', 'keys', '--out', out).code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { models: { loganomaly: { is_anomaly: boolean; max_rank: number; top_g: number; reasons: string[]; unseen: { key: string; mappedTo: string | null }[] } } });
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      const la = r.models.loganomaly;
      expect(la.is_anomaly).toBe(la.max_rank > la.top_g || la.unseen.some((u) => u.mappedTo === null));
    }
    const r = run('eval', '--model', laModels, '--normal', normalFile, '--abnormal', abnormalFile, '--format', 'keys');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, { tp: number; fn: number }>;
    expect(last.loganomaly!.tp + last.loganomaly!.fn).toBe(30);
    expect(last.loganomaly_top_g).toEqual(expect.any(Number));
  });

  it.each([
    ['a missing file', ['--loganomaly-templates', 'no-such-templates.csv'], /train: cannot read --loganomaly-templates 'no-such-templates.csv'/],
    ['a file without the header', ['--loganomaly-templates', path.join(data, 'hdfs_train')], /line 1: expected the header "EventId,EventTemplate"/],
  ])('train rejects %s for --loganomaly-templates with a message naming it', (_n, args, msg) => {
    const r = run('train', '--input', trainFile, '--format', 'keys', '--out', path.join(tmp, 'never'), '--epochs', '1', ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(msg);
  });

  it.each([
    ['a non-integer key', '5 22 x\n', /line 1: "x" is not a log key/],
    ['an empty session', '5 22\n\n5\n', /line 2: empty session/],
  ])('detect rejects %s with exit 2', (_n, text, msg) => {
    const bad = path.join(tmp, 'bad');
    fs.writeFileSync(bad, text);
    const r = run('detect', '--model', models, '--input', bad, '--format', 'keys');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it('detect rejects a missing model dir, a corrupt ONNX file and a vocabulary mismatch with exit 3', async () => {
    expect(run('detect', '--model', path.join(tmp, 'nope'), '--input', abnormalFile, '--format', 'keys').code).toBe(3);
    const loaded = await readModelVersion(await resolveModelDir(models));
    const corrupt = path.join(tmp, 'corrupt');
    fs.cpSync(loaded.dir, corrupt, { recursive: true });
    const onnxPath = path.join(corrupt, 'deeplog.onnx');
    const bytes = fs.readFileSync(onnxPath);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(onnxPath, bytes);
    const r1 = run('detect', '--model', corrupt, '--input', abnormalFile, '--format', 'keys');
    expect(r1.code).toBe(3);
    expect(r1.stderr).toMatch(/deeplog\.onnx/);
    const json = JSON.parse(loaded.file('deeplog.json').toString('utf8')) as { vocabulary: string[] };
    json.vocabulary.push('999');
    const other = path.join(tmp, 'mismatch');
    // every file of the version, but a deeplog.json whose vocabulary no longer matches the ONNX model
    await writeModelVersion(
      other,
      Object.keys(loaded.manifest.files).map((name) => ({ name, data: name === 'deeplog.json' ? JSON.stringify(json) : loaded.file(name) })),
      { kind: 'keys' },
    );
    const r2 = run('detect', '--model', other, '--input', abnormalFile, '--format', 'keys');
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/does not match|wrong size/);
  });

  it('train rejects an --accept-probability outside [0, 1] with exit 2', () => {
    const r = run('train', '--input', trainFile, '--format', 'keys', '--out', path.join(tmp, 'm3'), '--accept-probability', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--accept-probability must be a number from 0 to 1/);
  });

  it('train rejects a missing input file with exit 2', () => {
    const r = run('train', '--input', path.join(tmp, 'missing'), '--format', 'keys', '--out', path.join(tmp, 'm2'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read/);
  });
});
