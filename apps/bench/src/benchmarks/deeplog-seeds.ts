/**
 * `npm run bench deeplog-seeds`: how much of the HDFS keys result is the training seed and
 * how much the test sample. For each training seed (default 1, 2, 3) the defaults are
 * trained on `hdfs_train` (`train --format keys`, one run per seed) and the test files are
 * scored three ways from that one network:
 * - **defaults**: the pipeline's session verdict (`detect --format keys` `is_anomaly`: accept
 *   probability, workflow check, invariants, count ranges);
 * - **deeplog_rule**: DeepLog's own part of it (`models.deeplog`);
 * - **pure_top_g**: the LSTM with DeepLog's plain rule — no accept probability, g calibrated
 *   on the training transitions as the trainer does for that rule (rank alone), the `<end>`
 *   floor kept; no workflow, invariants or count ranges.
 * Each row gets the full-scale estimate (hdfs/full-scale.ts) and a 95 % stratified bootstrap
 * interval for F1 over the test sessions (hdfs/f1-interval.ts); the seeds give the spread.
 * Nothing is chosen from these numbers. JSON on stdout, progress on stderr. Args: `--data DIR`,
 * `--seeds 1,2,3`, `--threads N`, `--replicates N` (bootstrap, default 2,000).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeepLogDetector, DeepLogModel, TRAIN_DEFAULTS } from '@log-sentinel/deeplog';
import { calibrateTopG, TOP_G_MAX_MISS_RATE } from '@log-sentinel/pipeline';
import { detectKeySessions, loadKeysModels, readKeySessions, trainKeys } from '@log-sentinel/keys-workflow';
import { argValue, benchDataDir, benchDataFile } from '../bench-data';
import { bootstrapF1, spread } from './hdfs/f1-interval';
import { estimateFullScale } from './hdfs/full-scale';

const RULES = ['defaults', 'deeplog_rule', 'pure_top_g'] as const;
type Rule = (typeof RULES)[number];

function log(msg: string): void {
  process.stderr.write(`bench:deeplog-seeds ${msg}\n`);
}

function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds must be a comma-separated list of non-negative integers, got "${text}"`);
  return seeds;
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const data = benchDataDir(args);
  const [trainFile, abnormalFile, normalFile] = ['hdfs_train', 'hdfs_test_abnormal', 'hdfs_test_normal_subset'].map((f) => benchDataFile('deeplog-seeds', data, ['hdfs_deeplog', f]));
  const seeds = parseSeeds(argValue(args, '--seeds') ?? '1,2,3');
  const threads = argValue(args, '--threads');
  const replicates = Number(argValue(args, '--replicates') ?? 2000);
  const train = readKeySessions(trainFile!);
  const abnormal = readKeySessions(abnormalFile!);
  const normal = readKeySessions(normalFile!);
  const loadBefore = os.loadavg();
  const perSeed: Record<string, unknown>[] = [];
  const f1s: Record<Rule, number[]> = { defaults: [], deeplog_rule: [], pure_top_g: [] };
  for (const seed of seeds) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deeplog-seeds-'));
    try {
      log(`seed ${seed}: training on ${train.length} sessions (defaults) …`);
      const trained = await trainKeys(train, { out, seed, inputName: 'hdfs_train', ...(threads ? { threads: Number(threads) } : {}) });
      log(`seed ${seed}: trained in ${(trained.deeplogTrainMs / 1000).toFixed(1)} s (${trained.model.training.epochs} epochs); detecting …`);
      const flags: Record<Rule, { a: boolean[]; n: boolean[] }> = {} as never;
      const models = await loadKeysModels(out);
      try {
        const a = await detectKeySessions(models, abnormal);
        const n = await detectKeySessions(models, normal);
        flags.defaults = { a: a.map((r) => r.is_anomaly), n: n.map((r) => r.is_anomaly) };
        flags.deeplog_rule = { a: a.map((r) => r.models.deeplog.is_anomaly), n: n.map((r) => r.models.deeplog.is_anomaly) };
      } finally {
        await models.release();
      }
      // the plain rule on the same network: no accept probability, g re-calibrated for rank alone
      const json0 = trained.model.toJSON();
      delete json0.acceptProbability;
      const onnx = trained.model.toOnnx();
      const plain = DeepLogModel.fromFiles(onnx, json0);
      const g = calibrateTopG(plain, train.map((s) => s.map(String)), TRAIN_DEFAULTS.topG, TOP_G_MAX_MISS_RATE).topG;
      const pure = await DeepLogDetector.load(onnx, { ...json0, topG: g });
      try {
        flags.pure_top_g = { a: (await pure.scoreSessions(abnormal)).map((v) => v.isAnomaly), n: (await pure.scoreSessions(normal)).map((v) => v.isAnomaly) };
      } finally {
        await pure.release();
      }
      const rows: Record<string, unknown> = {};
      for (const rule of RULES) {
        const m = estimateFullScale(flags[rule].a, flags[rule].n);
        f1s[rule].push(m.f1);
        rows[rule] = { ...m, fp_measured: flags[rule].n.filter(Boolean).length, f1_ci95: bootstrapF1(flags[rule].a, flags[rule].n, { replicates, seed }) };
      }
      const t = trained.model.training;
      perSeed.push({
        seed, train_seconds: Number((trained.deeplogTrainMs / 1000).toFixed(1)), epochs: t.epochs, best_epoch: t.bestEpoch,
        top_g_defaults: trained.model.config.topG, top_g_pure: g, accept_probability: trained.model.config.acceptProbability ?? null, ...rows,
      });
      log(`seed ${seed}: ${RULES.map((r) => `${r} F1 ${(rows[r] as { f1: number }).f1}`).join(', ')}`);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  const result = {
    benchmark: 'deeplog-seeds',
    data: { train_sessions: train.length, abnormal_sessions: abnormal.length, normal_sessions: normal.length },
    interval_method: `95 % stratified percentile bootstrap over test sessions (${replicates} replicates, abnormal and normal resampled separately, FP rate scaled to 553,366 normal sessions in every replicate)`,
    seeds: perSeed,
    spread_over_seeds: Object.fromEntries(RULES.map((r) => [r, spread(f1s[r])])),
    machine: { cpus: os.cpus().length, loadavg_before: loadBefore.map((x) => Number(x.toFixed(2))), loadavg_after: os.loadavg().map((x) => Number(x.toFixed(2))) },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return result;
}
