/**
 * A 95 % interval for the full-scale HDFS F1 (hdfs/full-scale.ts): a stratified percentile
 * bootstrap over test sessions. Each replicate draws the abnormal sessions and the normal
 * subset with replacement (each class keeps its size), recomputes the estimate exactly as
 * the benchmark does (TP and FN counted, the normal subset's FP rate scaled to 553,366) and
 * the interval is the 2.5 % and 97.5 % quantiles of the replicates. It covers the sampling
 * noise of the test sessions — dominated by the few false alarms on 3,366 normal sessions —
 * not the training noise, which the seeds measure.
 */
import { SeededRandom } from '@log-sentinel/seeded-random';
import { FULL_HDFS_NORMAL_SESSIONS } from './full-scale';

/** A two-sided interval. */
export interface Interval {
  /** Lower bound (2.5 % quantile). */
  low: number;
  /** Upper bound (97.5 % quantile). */
  high: number;
}

/** Options of {@link bootstrapF1}. */
export interface BootstrapOptions {
  /** Replicates (default 2,000). */
  replicates?: number;
  /** Seed of the resampling (default 1). */
  seed?: number;
  /** Normal sessions the FP rate is scaled to (default the full HDFS test set's). */
  scaleNormal?: number;
}

/** F1 with the normal side's false-positive rate scaled to `scaleNormal` sessions. */
export function scaledF1(tp: number, abnormal: number, fp: number, normal: number, scaleNormal: number): number {
  const fpScaled = normal === 0 ? 0 : (fp / normal) * scaleNormal;
  const precision = tp + fpScaled === 0 ? 0 : tp / (tp + fpScaled);
  const recall = abnormal === 0 ? 0 : tp / abnormal;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Flagged count of `n` draws with replacement from `n` verdicts of which `flagged` are flags:
 * a Binomial(n, flagged / n) draw, sampled exactly by geometric waiting times over the rarer
 * outcome (a few hundred steps instead of n).
 */
export function resampleCount(flagged: number, n: number, rng: SeededRandom): number {
  const p = n === 0 ? 0 : flagged / n;
  if (p > 0.5) return n - resampleCount(n - flagged, n, rng);
  if (p === 0) return 0;
  const logQ = Math.log1p(-p);
  let count = 0, position = 0;
  for (;;) {
    position += Math.floor(Math.log(1 - rng.next()) / logQ) + 1;
    if (position > n) return count;
    count++;
  }
}

/** 95 % percentile-bootstrap interval of the scaled F1 of verdicts on abnormal and normal sessions. */
export function bootstrapF1(abnormalFlags: readonly boolean[], normalFlags: readonly boolean[], opts: BootstrapOptions = {}): Interval {
  const replicates = opts.replicates ?? 2000;
  if (!Number.isInteger(replicates) || replicates < 10) throw new RangeError(`replicates must be an integer ≥ 10, got ${replicates}`);
  const scale = opts.scaleNormal ?? FULL_HDFS_NORMAL_SESSIONS;
  const rng = new SeededRandom(opts.seed ?? 1);
  const tp = abnormalFlags.filter(Boolean).length;
  const fp = normalFlags.filter(Boolean).length;
  const a = abnormalFlags.length, n = normalFlags.length;
  const f1s: number[] = [];
  for (let r = 0; r < replicates; r++) f1s.push(scaledF1(resampleCount(tp, a, rng), a, resampleCount(fp, n, rng), n, scale));
  f1s.sort((x, y) => x - y);
  const q = (p: number): number => f1s[Math.min(replicates - 1, Math.max(0, Math.round(p * (replicates - 1))))]!;
  return { low: Number(q(0.025).toFixed(4)), high: Number(q(0.975).toFixed(4)) };
}

/** Mean, sample standard deviation, minimum and maximum of a few numbers (the seeds' spread). */
export function spread(xs: readonly number[]): { mean: number; sd: number; min: number; max: number } {
  if (xs.length === 0) throw new RangeError('spread of no values');
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  const r = (x: number): number => Number(x.toFixed(4));
  return { mean: r(mean), sd: r(sd), min: r(Math.min(...xs)), max: r(Math.max(...xs)) };
}
