/**
 * `npm run bench count-baselines [-- --data DIR --seeds 1,2,3]`: PCA (Xu et al. 2009, as
 * loglizer runs it) and Invariants Mining (Lou et al. 2010) alone on HDFS session key counts,
 * beside loglizer's published HDFS numbers (PCA F1 0.769, Invariants Mining 0.915), under two
 * training protocols. Both fit on training data only and never see a label:
 *
 * - **deeplog-split**: trained on `hdfs_train` (4,855 normal sessions), as `log-sentinel train`
 *   and the detector do; tested on all abnormal sessions and the normal subset.
 * - **loglizer-mix**: loglizer's protocol is unsupervised training on a split that holds the
 *   anomalies at their population rate. Here: `hdfs_train` plus a seeded random sample of
 *   abnormal sessions at the HDFS rate (16,838 of 575,061), unlabelled; tested on the other
 *   abnormal sessions and the normal subset. One result per seed.
 *
 * F1 is the full-scale estimate of every HDFS benchmark (FP rate on the normal subset scaled
 * to 553,366 sessions) with its 95 % bootstrap interval. JSON on stdout.
 */
import { InvariantsModel, PcaModel, type LogKey } from '@log-sentinel/count-models';
import { CliError } from '@log-sentinel/cli-kit';
import { readKeySessions } from '@log-sentinel/keys-workflow';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { benchDataDir, benchDataFile } from '../bench-data';
import { bootstrapF1 } from './hdfs/f1-interval';
import { estimateFullScale } from './hdfs/full-scale';

/** Sessions of the full HDFS_v1 log and the abnormal ones among them (loghub labels). */
const HDFS_SESSIONS = 575_061;
const HDFS_ABNORMAL = 16_838;

/** loglizer's published HDFS results (its README benchmark). */
const PUBLISHED = { pca: { precision: 0.975, recall: 0.635, f1: 0.769 }, invariants: { precision: 0.888, recall: 0.945, f1: 0.915 } };

type Session = readonly LogKey[];
type Flag = (s: Session) => boolean;

function score(flag: Flag, abnormal: readonly Session[], normal: readonly Session[], seed: number): Record<string, unknown> {
  const a = abnormal.map(flag);
  const n = normal.map(flag);
  const m = estimateFullScale(a, n);
  return { precision: m.precision, recall: m.recall, f1: m.f1, f1_95: bootstrapF1(a, n, { seed }), tp: m.tp, fp_measured: n.filter(Boolean).length, fn: m.fn };
}

/** Every model of the comparison, fitted on `train`, scored on the test sessions. */
function compare(train: readonly Session[], abnormal: readonly Session[], normal: readonly Session[], seed: number): Record<string, unknown> {
  const vocabulary = new Set(train.flatMap((s) => s.map(String)));
  const unseen: Flag = (s) => s.some((k) => !vocabulary.has(String(k)));
  const pca = PcaModel.fit(train);
  const pcaRaw = PcaModel.fit(train, { weighting: 'none' });
  const inv = InvariantsModel.mine(train);
  const invDetector = InvariantsModel.mine(train, { minSupport: 0.999 });
  const trainFlags = (f: Flag): number => train.filter(f).length;
  return {
    training_sessions: train.length,
    pca: { components: pca.components, threshold: Number(pca.threshold.toPrecision(6)), training_flagged: trainFlags((s) => pca.scoreSequence(s).isAnomaly), ...score((s) => pca.scoreSequence(s).isAnomaly, abnormal, normal, seed) },
    pca_no_weighting: { components: pcaRaw.components, training_flagged: trainFlags((s) => pcaRaw.scoreSequence(s).isAnomaly), ...score((s) => pcaRaw.scoreSequence(s).isAnomaly, abnormal, normal, seed) },
    invariants: { dimension: inv.dimension, invariants: inv.invariants.length, training_flagged: trainFlags((s) => inv.checkSequence(s).length > 0), ...score((s) => inv.checkSequence(s).length > 0, abnormal, normal, seed) },
    invariants_with_unseen_keys: {
      rule: 'invariants, plus count(k) = 0 for every key no training session holds (the all-zero columns of Lou et al.\'s count matrix)',
      ...score((s) => unseen(s) || inv.checkSequence(s).length > 0, abnormal, normal, seed),
    },
    invariants_detector_default: { min_support: 0.999, invariants: invDetector.invariants.length, ...score((s) => invDetector.checkSequence(s).length > 0, abnormal, normal, seed) },
    abnormal_with_unseen_key: abnormal.filter(unseen).length,
  };
}

/** Abnormal sessions that join `normal` training sessions at the HDFS anomaly rate. */
export function abnormalShare(normal: number): number {
  return Math.round((normal * HDFS_ABNORMAL) / (HDFS_SESSIONS - HDFS_ABNORMAL));
}

/**
 * loglizer's protocol on the DeepLog files: the normal training sessions plus a seeded random
 * {@link abnormalShare} of the abnormal ones (unlabelled) to train on; the other abnormal
 * sessions to test.
 */
export function loglizerSplit<T>(normalTrain: readonly T[], abnormal: readonly T[], seed: number): { train: T[]; abnormalTest: T[] } {
  const rng = new SeededRandom(seed);
  const order = abnormal.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const inTrain = new Set(order.slice(0, abnormalShare(normalTrain.length)));
  return { train: [...normalTrain, ...abnormal.filter((_, i) => inTrain.has(i))], abnormalTest: abnormal.filter((_, i) => !inTrain.has(i)) };
}

function parseSeeds(args: readonly string[]): number[] {
  const k = args.indexOf('--seeds');
  if (k < 0) return [1, 2, 3];
  const given = args[k + 1] ?? '';
  const seeds = given.split(',').map((x) => (/^-?\d+$/.test(x.trim()) ? Number(x) : NaN));
  if (!seeds.every((s) => Number.isInteger(s))) throw new CliError(`--seeds needs integers separated by commas, got "${given}"`);
  return seeds;
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const data = benchDataDir(args);
  const seeds = parseSeeds(args);
  const [trainFile, abnormalFile, normalFile] = ['hdfs_train', 'hdfs_test_abnormal', 'hdfs_test_normal_subset'].map((f) => benchDataFile('count-baselines', data, ['hdfs_deeplog', f]));
  const train = readKeySessions(trainFile!);
  const abnormal = readKeySessions(abnormalFile!);
  const normal = readKeySessions(normalFile!);
  const started = Date.now();
  const mix = seeds.map((seed) => {
    const split = loglizerSplit(train, abnormal, seed);
    return { seed, ...compare(split.train, split.abnormalTest, normal, seed) };
  });
  const result = {
    bench: 'count-baselines',
    published_loglizer: PUBLISHED,
    deeplog_split: compare(train, abnormal, normal, 1),
    loglizer_mix: { abnormal_in_training: abnormalShare(train.length), runs: mix },
    normal_sessions: normal.length,
    abnormal_sessions: abnormal.length,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  return result;
}
