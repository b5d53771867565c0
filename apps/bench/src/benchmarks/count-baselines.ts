/**
 * `npm run bench count-baselines [-- --data DIR --seeds 1,2,3 --write-splits DIR]`: PCA (Xu et
 * al. 2009, as loglizer runs it) and Invariants Mining (Lou et al. 2010) alone on HDFS session
 * key counts, beside loglizer's published HDFS numbers (PCA F1 0.769, Invariants Mining 0.915),
 * under three training protocols. Every model fits on training data only and never sees a label:
 *
 * - **deeplog-split**: trained on `hdfs_train` (4,855 normal sessions), as `log-sentinel train`
 *   and the detector do; tested on all abnormal sessions and the normal subset.
 * - **loglizer-mix**: `hdfs_train` plus a seeded random sample of abnormal sessions at the HDFS
 *   rate (146 of 16,838: 16,838 of 575,061 sessions are abnormal), unlabelled; tested on the
 *   other abnormal sessions and the normal subset. One result per seed.
 * - **loglizer-uniform**: loglizer's own split (`_split_data`, `split_type='uniform'`,
 *   `train_ratio=0.5`): the first half of the abnormal sessions in file order trains, the second
 *   half tests; loglizer's training half holds half of HDFS's 558,223 normal sessions, which
 *   this data does not have, so each `hdfs_train` session is counted {@link uniformNormalCopies}
 *   times (57: the abnormal share of training is then 2.95 % against HDFS's 2.93 %). The
 *   false-positive rate is scaled to loglizer's normal test half (279,112). Besides file order,
 *   seeded random halves give the spread.
 *
 * F1 is the full-scale estimate of every HDFS benchmark (FP rate on the normal subset scaled
 * to the normal sessions of the test set) with its 95 % bootstrap interval, and recall is split
 * into short abnormal sessions (≤ 10 keys; no normal session is that short) and long ones.
 * `--write-splits DIR` writes every split with our PCA's verdicts for the reference
 * implementation (libs/count-models/scripts/pca_reference.py). JSON on stdout.
 */
import { InvariantsModel, PcaModel, type LogKey } from '@log-sentinel/count-models';
import { CliError } from '@log-sentinel/cli-kit';
import { evalMetrics, readKeySessions } from '@log-sentinel/keys-workflow';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { argValue, benchDataDir, benchDataFile } from '../bench-data';
import { bootstrapF1 } from './hdfs/f1-interval';
import { FULL_HDFS_NORMAL_SESSIONS } from './hdfs/full-scale';
import { flaggedIndexes, writeSplit, type SplitToWrite } from './hdfs/split-files';

/** Sessions of the full HDFS_v1 log and the abnormal ones among them (loghub labels). */
const HDFS_SESSIONS = 575_061;
const HDFS_ABNORMAL = 16_838;
const HDFS_NORMAL = HDFS_SESSIONS - HDFS_ABNORMAL;
/** Abnormal sessions of at most this many keys are "short" (6,193 of 16,838; normal sessions have 13+). */
const SHORT_SESSION_KEYS = 10;

/** loglizer's published HDFS results (its README benchmark). */
const PUBLISHED = { pca: { precision: 0.975, recall: 0.635, f1: 0.769 }, invariants: { precision: 0.888, recall: 0.945, f1: 0.915 } };

type Session = readonly LogKey[];
type Flag = (s: Session) => boolean;

/** One train/test split of a protocol (the shape `--write-splits` writes). */
type Split = SplitToWrite<LogKey>;

function recallOf(flags: readonly boolean[]): number {
  return flags.length === 0 ? 0 : Number((flags.filter(Boolean).length / flags.length).toFixed(4));
}

function score(flags: { a: boolean[]; n: boolean[] }, split: Split, seed: number): Record<string, unknown> {
  const { a, n } = flags;
  const m = evalMetrics(a, n, split.scaleNormal);
  const short = split.testAbnormal.map((s) => s.length <= SHORT_SESSION_KEYS);
  return {
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    f1_95: bootstrapF1(a, n, { seed, scaleNormal: split.scaleNormal }),
    tp: m.tp,
    fp_measured: n.filter(Boolean).length,
    fn: m.fn,
    recall_short: recallOf(a.filter((_, i) => short[i])),
    recall_long: recallOf(a.filter((_, i) => !short[i])),
  };
}

function verdicts(flag: Flag, split: Split): { a: boolean[]; n: boolean[] } {
  return { a: split.testAbnormal.map(flag), n: split.testNormal.map(flag) };
}

/** The training sessions of a split: each normal one `normalCopies` times, then the abnormal ones. */
export function trainingSessions<T>(trainNormal: readonly T[], normalCopies: number, trainAbnormal: readonly T[]): T[] {
  const out: T[] = [];
  for (let c = 0; c < normalCopies; c++) out.push(...trainNormal);
  out.push(...trainAbnormal);
  return out;
}

/** Every model of the comparison, fitted on the split's training sessions, scored on its test sessions; `write` names where the split goes for the reference implementation. */
function compare(split: Split, seed: number, write?: { dir: string; name: string }): Record<string, unknown> {
  const train = trainingSessions(split.trainNormal, split.normalCopies, split.trainAbnormal);
  const pca = PcaModel.fit(train);
  const pcaRaw = PcaModel.fit(train, { weighting: 'none' });
  const pcaFlags = verdicts((s) => pca.scoreSequence(s).isAnomaly, split);
  const pcaResult = { components: pca.components, threshold: Number(pca.threshold.toPrecision(6)), ...score(pcaFlags, split, seed) };
  if (write) {
    writeSplit(write.dir, write.name, split, { ...pcaResult, threshold: pca.threshold, flagged_abnormal: flaggedIndexes(pcaFlags.a), flagged_normal: flaggedIndexes(pcaFlags.n) });
  }
  const vocabulary = new Set(train.flatMap((s) => s.map(String)));
  const unseen: Flag = (s) => s.some((k) => !vocabulary.has(String(k)));
  const inv = InvariantsModel.mine(train);
  const invDetector = InvariantsModel.mine(train, { minSupport: 0.999 });
  return {
    training_sessions: train.length,
    training_abnormal: split.trainAbnormal.length,
    normal_copies: split.normalCopies,
    test_abnormal: split.testAbnormal.length,
    pca: pcaResult,
    pca_no_weighting: { components: pcaRaw.components, ...score(verdicts((s) => pcaRaw.scoreSequence(s).isAnomaly, split), split, seed) },
    invariants: { dimension: inv.dimension, invariants: inv.invariants.length, ...score(verdicts((s) => inv.checkSequence(s).length > 0, split), split, seed) },
    invariants_with_unseen_keys: {
      rule: 'invariants, plus count(k) = 0 for every key no training session holds (the all-zero columns of Lou et al.\'s count matrix)',
      ...score(verdicts((s) => unseen(s) || inv.checkSequence(s).length > 0, split), split, seed),
    },
    invariants_detector_default: { min_support: 0.999, invariants: invDetector.invariants.length, ...score(verdicts((s) => invDetector.checkSequence(s).length > 0, split), split, seed) },
    abnormal_with_unseen_key: split.testAbnormal.filter(unseen).length,
  };
}

/** Abnormal sessions that join `normal` training sessions at the HDFS anomaly rate. */
export function abnormalShare(normal: number): number {
  return Math.round((normal * HDFS_ABNORMAL) / (HDFS_SESSIONS - HDFS_ABNORMAL));
}

function shuffledIndexes(n: number, seed: number): number[] {
  const rng = new SeededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * loglizer-mix on the DeepLog files: the normal training sessions plus a seeded random
 * {@link abnormalShare} of the abnormal ones (unlabelled) to train on; the other abnormal
 * sessions to test.
 */
export function loglizerSplit<T>(normalTrain: readonly T[], abnormal: readonly T[], seed: number): { train: T[]; abnormalTest: T[] } {
  const inTrain = new Set(shuffledIndexes(abnormal.length, seed).slice(0, abnormalShare(normalTrain.length)));
  return { train: [...normalTrain, ...abnormal.filter((_, i) => inTrain.has(i))], abnormalTest: abnormal.filter((_, i) => !inTrain.has(i)) };
}

/** Times each of `normalTrain` normal sessions is counted so that `abnormalTrain` abnormal ones are at the HDFS rate. */
export function uniformNormalCopies(normalTrain: number, abnormalTrain: number): number {
  return Math.max(1, Math.round((abnormalTrain * HDFS_NORMAL) / HDFS_ABNORMAL / normalTrain));
}

/**
 * loglizer's `uniform` split at `train_ratio` 0.5 on the abnormal sessions: the first half
 * (`Math.floor`, as its `int()`) trains and the rest tests, in file order or, with a seed, in
 * a seeded random order.
 */
export function loglizerUniformSplit<T>(abnormal: readonly T[], seed?: number): { trainAbnormal: T[]; testAbnormal: T[] } {
  const order = seed === undefined ? abnormal.map((_, i) => i) : shuffledIndexes(abnormal.length, seed);
  const half = Math.floor(0.5 * abnormal.length);
  return { trainAbnormal: order.slice(0, half).map((i) => abnormal[i]!), testAbnormal: order.slice(half).map((i) => abnormal[i]!) };
}

function parseSeeds(args: readonly string[]): number[] {
  const k = args.indexOf('--seeds');
  if (k < 0) return [1, 2, 3];
  const given = args[k + 1] ?? '';
  const seeds = given.split(',').map((x) => (/^-?\d+$/.test(x.trim()) ? Number(x) : NaN));
  if (!seeds.every((s) => Number.isInteger(s))) throw new CliError(`--seeds needs integers separated by commas, got "${given}"`);
  return seeds;
}

function parseWriteSplits(args: readonly string[]): string | undefined {
  if (!args.includes('--write-splits')) return undefined;
  const dir = argValue(args, '--write-splits');
  if (dir === undefined || dir === '' || dir.startsWith('--')) throw new CliError('--write-splits needs a directory to write the splits to');
  return dir;
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const data = benchDataDir(args);
  const seeds = parseSeeds(args);
  const splitsDir = parseWriteSplits(args);
  const [trainFile, abnormalFile, normalFile] = ['hdfs_train', 'hdfs_test_abnormal', 'hdfs_test_normal_subset'].map((f) => benchDataFile('count-baselines', data, ['hdfs_deeplog', f]));
  const train = readKeySessions(trainFile!);
  const abnormal = readKeySessions(abnormalFile!);
  const normal = readKeySessions(normalFile!);
  const started = Date.now();
  const write = (name: string) => (splitsDir === undefined ? undefined : { dir: splitsDir, name });
  const base = { trainNormal: train, normalCopies: 1, testNormal: normal, scaleNormal: FULL_HDFS_NORMAL_SESSIONS };
  const deeplog = compare({ ...base, trainAbnormal: [], testAbnormal: abnormal }, 1, write('deeplog-split'));
  const mix = seeds.map((seed) => {
    const s = loglizerSplit(train, abnormal, seed);
    return { seed, ...compare({ ...base, trainAbnormal: s.train.slice(train.length), testAbnormal: s.abnormalTest }, seed, write(`loglizer-mix-seed${seed}`)) };
  });
  const uniform = (seed: number | undefined): Record<string, unknown> => {
    const s = loglizerUniformSplit(abnormal, seed);
    const split = { ...base, ...s, normalCopies: uniformNormalCopies(train.length, s.trainAbnormal.length), scaleNormal: HDFS_NORMAL - Math.floor(0.5 * HDFS_NORMAL) };
    return { order: seed === undefined ? 'file' : `seed ${seed}`, ...compare(split, seed ?? 1, write(seed === undefined ? 'loglizer-uniform' : `loglizer-uniform-seed${seed}`)) };
  };
  const result = {
    bench: 'count-baselines',
    published_loglizer: PUBLISHED,
    deeplog_split: deeplog,
    loglizer_mix: { abnormal_in_training: abnormalShare(train.length), runs: mix },
    loglizer_uniform: { runs: [uniform(undefined), ...seeds.map(uniform)] },
    normal_sessions: normal.length,
    abnormal_sessions: abnormal.length,
    splits_written_to: splitsDir ?? null,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  return result;
}
