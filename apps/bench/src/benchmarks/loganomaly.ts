/**
 * `npm run bench loganomaly`: LogAnomaly beside DeepLog, PCA and Invariants Mining on HDFS
 * keys, from one `train --format keys --pca --loganomaly-templates` run per seed (default 1)
 * on `hdfs_train`, every model scored on the same test files through `detect --format keys`:
 * - **loganomaly**: its verdict with the g it chose on held-out training sessions;
 * - **loganomaly_top_g**: the same network at every g (pure top-g: rank alone; an unseen
 *   template far from every known one is flagged at every g), so the choice can be judged;
 * - **loganomaly_no_mapping**: every unseen key flagged (what the semantic mapping changes);
 * - **defaults**, **deeplog**, **invariants**, **pca**, **counts**: the other models alone.
 * Each row: full-scale estimate (hdfs/full-scale.ts) and a 95 % stratified bootstrap interval
 * for F1 (hdfs/f1-interval.ts). Nothing is chosen from these numbers. JSON on stdout,
 * progress on stderr. Args: `--data DIR`, `--templates FILE` (default the repository's
 * loghub HDFS_templates.csv), `--seeds 1,2,3`, `--threads N`, `--replicates N` (default 2,000),
 * `--architecture one|two` (LogAnomaly's network: one LSTM on the concatenated patterns, or the
 * paper's two; default libs/loganomaly's).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectKeySessions, loadKeysModels, readKeySessions, readTemplatesFile, trainKeys, type KeysDetection } from '@log-sentinel/keys-workflow';
import { LOGANOMALY_ARCHITECTURES, LOGANOMALY_DEFAULTS, type LogAnomalyArchitecture } from '@log-sentinel/loganomaly';
import { argValue, benchDataDir, benchDataFile, repoRoot } from '../bench-data';
import { bootstrapF1, spread } from './hdfs/f1-interval';
import { estimateFullScale } from './hdfs/full-scale';

function log(msg: string): void {
  process.stderr.write(`bench:loganomaly ${msg}\n`);
}

type Flags = { a: boolean[]; n: boolean[] };
const MODELS = ['defaults', 'deeplog', 'invariants', 'pca', 'counts', 'loganomaly', 'loganomaly_no_mapping'] as const;

function flagsOf(rows: KeysDetection[], model: (typeof MODELS)[number]): boolean[] {
  return rows.map((r) => {
    const la = r.models.loganomaly;
    switch (model) {
      case 'defaults': return r.is_anomaly;
      case 'loganomaly': return la?.is_anomaly ?? false;
      case 'loganomaly_no_mapping': return la ? la.max_rank > la.top_g || la.unseen.length > 0 : false;
      default: return r.models[model]?.is_anomaly ?? false;
    }
  });
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const data = benchDataDir(args);
  const [trainFile, abnormalFile, normalFile] = ['hdfs_train', 'hdfs_test_abnormal', 'hdfs_test_normal_subset'].map((f) => benchDataFile('loganomaly', data, ['hdfs_deeplog', f]));
  const templatesFile = argValue(args, '--templates') ?? path.join(repoRoot(), 'testdata/loghub_2k/HDFS/HDFS_templates.csv');
  const seeds = (argValue(args, '--seeds') ?? '1').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error('--seeds must be a comma-separated list of non-negative integers');
  const threads = argValue(args, '--threads');
  const replicates = Number(argValue(args, '--replicates') ?? 2000);
  const architecture = (argValue(args, '--architecture') ?? LOGANOMALY_DEFAULTS.architecture) as LogAnomalyArchitecture;
  if (!LOGANOMALY_ARCHITECTURES.includes(architecture)) throw new Error(`--architecture must be one of ${LOGANOMALY_ARCHITECTURES.join(', ')} (got ${architecture})`);
  const train = readKeySessions(trainFile!);
  const abnormal = readKeySessions(abnormalFile!);
  const normal = readKeySessions(normalFile!);
  const templates = readTemplatesFile(templatesFile, '--templates');
  const loadBefore = os.loadavg();
  const perSeed: Record<string, unknown>[] = [];
  const f1s: Record<string, number[]> = {};
  for (const seed of seeds) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-loganomaly-'));
    try {
      log(`seed ${seed}: training DeepLog, PCA, Invariants and LogAnomaly (architecture ${architecture}) on ${train.length} sessions …`);
      const trained = await trainKeys(train, { out, seed, pca: true, loganomalyTemplates: templates, loganomalyArchitecture: architecture, inputName: 'hdfs_train', ...(threads ? { threads: Number(threads) } : {}) });
      const la = trained.loganomaly!;
      log(`seed ${seed}: LogAnomaly trained in ${(trained.loganomalyTrainMs / 1000).toFixed(1)} s, g = ${la.json.topG}; detecting …`);
      const models = await loadKeysModels(out);
      let a: KeysDetection[], n: KeysDetection[];
      const t0 = performance.now();
      try {
        a = await detectKeySessions(models, abnormal);
        n = await detectKeySessions(models, normal);
      } finally {
        await models.release();
      }
      const detectS = (performance.now() - t0) / 1000;
      const row = (f: Flags) => ({ ...estimateFullScale(f.a, f.n), fp_measured: f.n.filter(Boolean).length, f1_ci95: bootstrapF1(f.a, f.n, { replicates, seed }) });
      const rows: Record<string, unknown> = {};
      for (const m of MODELS) {
        const f = { a: flagsOf(a, m), n: flagsOf(n, m) };
        rows[m] = row(f);
        (f1s[m] ??= []).push((rows[m] as { f1: number }).f1);
      }
      const flagAt = (r: KeysDetection, g: number) => r.models.loganomaly!.max_rank > g || r.models.loganomaly!.unseen.some((u) => u.mappedTo === null);
      const byG = Array.from({ length: la.encoder.classes }, (_, i) => {
        const m = estimateFullScale(a.map((r) => flagAt(r, i + 1)), n.map((r) => flagAt(r, i + 1)));
        return { g: i + 1, precision: m.precision, recall: m.recall, f1: m.f1, fp_measured: n.filter((r) => flagAt(r, i + 1)).length };
      });
      const unseenKeys = new Map<string, string | null>();
      for (const r of [...a, ...n]) for (const u of r.models.loganomaly!.unseen) unseenKeys.set(u.key, u.mappedTo);
      perSeed.push({
        seed, deeplog_train_seconds: Number((trained.deeplogTrainMs / 1000).toFixed(1)), loganomaly_train_seconds: Number((trained.loganomalyTrainMs / 1000).toFixed(1)),
        loganomaly_training: la.json.training, loganomaly_top_g: la.json.topG, loganomaly_validation_flag_rate_by_g: la.json.calibration.flagRateByG,
        mapping_threshold: Number(la.semantics.json.threshold.toFixed(4)), unseen_keys_mapped_to: Object.fromEntries([...unseenKeys].sort((x, y) => Number(x[0]) - Number(y[0]))),
        detect_seconds: Number(detectS.toFixed(1)), ...rows, loganomaly_top_g_sweep: byG,
      });
      log(`seed ${seed}: ${MODELS.map((m) => `${m} F1 ${(rows[m] as { f1: number }).f1}`).join(', ')}`);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  const result = {
    benchmark: 'loganomaly',
    loganomaly_architecture: architecture,
    data: { train_sessions: train.length, abnormal_sessions: abnormal.length, normal_sessions: normal.length, templates: templates.length },
    interval_method: `95 % stratified percentile bootstrap over test sessions (${replicates} replicates, FP rate scaled to 553,366 normal sessions in every replicate)`,
    seeds: perSeed,
    spread_over_seeds: Object.fromEntries(MODELS.map((m) => [m, spread(f1s[m]!)])),
    machine: { cpus: os.cpus().length, loadavg_before: loadBefore.map((x) => Number(x.toFixed(2))), loadavg_after: os.loadavg().map((x) => Number(x.toFixed(2))) },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return result;
}
