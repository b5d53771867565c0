import { IsolationForestError } from './errors';
import { ForestLayout } from './forest-layout';
import { checkFlatMatrix, flattenMatrix, type FlatMatrix, type Matrix } from './matrix';
import { anomalyScore, averagePathLength } from './path-length';
import { Xoshiro128 } from './random';
import { checkThresholdRule, needsTrainingScores, thresholdFromRule, type ThresholdRule } from './threshold';
import { type CompactTree, growTree } from './tree-builder';
import { forestFromJSON, forestToJSON } from './forest-json';

/** Options of {@link IsolationForest.fit} (scikit-learn's names and defaults where it has them). */
export interface IsolationForestOptions {
  /** Number of trees (default 100). */
  nEstimators?: number;
  /** Samples per tree ψ; the forest uses min(maxSamples, rows) (default 256). */
  maxSamples?: number;
  /** PRNG seed (default 42); equal seeds and data give identical forests. */
  seed?: number;
  /** Fraction of training rows expected to be outliers, or 'auto' (threshold 0.5; default). */
  contamination?: number | 'auto';
  /** Threshold rule; overrides `contamination` when given (see {@link ThresholdRule}). */
  threshold?: ThresholdRule;
}

/** Largest ψ accepted: trees are stored padded to 2^ceil(log2 ψ) slots. */
export const MAX_SAMPLES_LIMIT = 65536;

/** Default PRNG seed. */
export const DEFAULT_SEED = 42;

/**
 * Isolation Forest (Liu, Ting & Zhou 2008) scoring like scikit-learn's `IsolationForest`:
 * `scoreSamples` returns 2^(−E[h(x)]/c(ψ)), the negation of scikit-learn's `score_samples`.
 */
export class IsolationForest {
  private constructor(
    /** Number of features each row must have. */
    readonly nFeatures: number,
    /** Samples per tree ψ actually used. */
    readonly samplesPerTree: number,
    /** Seed the forest was grown with. */
    readonly seed: number,
    /** Rule that produced `threshold`. */
    readonly thresholdRule: ThresholdRule,
    /** score ≥ threshold ⇒ outlier. */
    readonly threshold: number,
    private readonly layout: ForestLayout,
  ) {}

  /** Number of trees. */
  get nEstimators(): number {
    return this.layout.trees.length;
  }

  /** Depth limit ceil(log2 ψ) the trees were grown with. */
  get maxDepth(): number {
    return this.layout.depth;
  }

  /** Trees in pre-order form (read-only view, for serialization and inspection). */
  get trees(): readonly CompactTree[] {
    return this.layout.trees;
  }

  /** Fits a forest on rows of finite numbers. */
  static fit(X: Matrix, opts: IsolationForestOptions = {}): IsolationForest {
    return IsolationForest.fitFlat(flattenMatrix(X), opts);
  }

  /** Fits a forest on a flat row-major matrix (no copy). */
  static fitFlat(m: FlatMatrix, opts: IsolationForestOptions = {}): IsolationForest {
    checkFlatMatrix(m);
    if (m.nRows === 0) throw new IsolationForestError('EMPTY_INPUT', 'cannot fit an Isolation Forest on zero rows');
    if (m.nCols === 0) throw new IsolationForestError('EMPTY_INPUT', 'cannot fit an Isolation Forest on zero features');
    const nEstimators = opts.nEstimators ?? 100;
    if (!Number.isInteger(nEstimators) || nEstimators < 1 || nEstimators > 10000) {
      throw new IsolationForestError('INVALID_OPTION', `nEstimators must be an integer in [1, 10000], got ${String(nEstimators)}`);
    }
    const maxSamples = opts.maxSamples ?? 256;
    if (!Number.isInteger(maxSamples) || maxSamples < 1 || maxSamples > MAX_SAMPLES_LIMIT) {
      throw new IsolationForestError(
        'INVALID_OPTION',
        `maxSamples must be an integer in [1, ${MAX_SAMPLES_LIMIT}], got ${String(maxSamples)}`,
      );
    }
    const seed = opts.seed ?? DEFAULT_SEED;
    if (!Number.isFinite(seed)) throw new IsolationForestError('INVALID_OPTION', `seed must be a finite number, got ${String(seed)}`);
    const rule = resolveRule(opts);

    const psi = Math.min(maxSamples, m.nRows);
    const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
    const rng = new Xoshiro128(seed);
    // A running permutation of all rows: a partial Fisher–Yates shuffle of its first ψ
    // entries draws a uniform sample without replacement in O(ψ) per tree.
    const perm = new Int32Array(m.nRows);
    for (let i = 0; i < m.nRows; i++) perm[i] = i;
    const trees: CompactTree[] = [];
    for (let t = 0; t < nEstimators; t++) {
      for (let i = 0; i < psi; i++) {
        const j = i + rng.nextInt(m.nRows - i);
        const tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      trees.push(growTree(m.data, m.nCols, perm.slice(0, psi), maxDepth, rng));
    }
    const layout = new ForestLayout(trees, maxDepth);
    const draft = new IsolationForest(m.nCols, psi, seed, rule, 0.5, layout);
    const threshold = thresholdFromRule(rule, needsTrainingScores(rule) ? draft.scoreFlat(m) : []);
    return new IsolationForest(m.nCols, psi, seed, rule, threshold, layout);
  }

  /** Anomaly scores 2^(−E[h(x)]/c(ψ)) in (0, 1]; higher = more anomalous. */
  scoreSamples(X: Matrix): Float64Array {
    return this.scoreFlatUnchecked(flattenMatrix(X, this.nFeatures));
  }

  /** {@link scoreSamples} on a flat row-major matrix (checked, not copied). */
  scoreFlat(m: FlatMatrix): Float64Array {
    checkFlatMatrix(m, this.nFeatures);
    return this.scoreFlatUnchecked(m);
  }

  /** Score of one row. */
  scoreOne(row: ArrayLike<number>): number {
    return this.scoreSamples([row])[0];
  }

  /** Mean path length E[h(x)] over the trees, per row (scikit-learn's depths / n_estimators). */
  meanPathLengths(X: Matrix): Float64Array {
    const m = flattenMatrix(X, this.nFeatures);
    const sums = new Float64Array(m.nRows);
    this.layout.sumPathLengths(m.data, m.nRows, m.nCols, sums);
    for (let i = 0; i < sums.length; i++) sums[i] /= this.nEstimators;
    return sums;
  }

  /** 1 where score ≥ threshold (outlier), else 0. */
  predict(X: Matrix): Uint8Array {
    const scores = this.scoreSamples(X);
    const out = new Uint8Array(scores.length);
    for (let i = 0; i < scores.length; i++) out[i] = scores[i] >= this.threshold ? 1 : 0;
    return out;
  }

  /**
   * Which features isolate `row`: per tree, the feature of the last split on the row's
   * path gets weight 2^(−h/c(ψ)) (short paths weigh more); weights are summed over trees
   * and normalized to sum 1.
   */
  featureAttribution(row: ArrayLike<number>): Float64Array {
    const x = flattenMatrix([row], this.nFeatures).data;
    const credit = new Float64Array(this.nFeatures);
    const c = averagePathLength(this.samplesPerTree) || 1;
    const { depth, internalPerTree, leavesPerTree, feature, threshold, pathLength } = this.layout;
    for (let t = 0; t < this.nEstimators; t++) {
      let s = 0;
      let last = -1;
      for (let d = 0; d < depth; d++) {
        const k = t * internalPerTree + s;
        if (threshold[k] !== Infinity) last = feature[k];
        s = 2 * s + 1 + (x[feature[k]] > threshold[k] ? 1 : 0);
      }
      if (last >= 0) credit[last] += Math.pow(2, -pathLength[t * leavesPerTree + s - internalPerTree] / c);
    }
    let total = 0;
    for (const v of credit) total += v;
    if (total > 0) for (let i = 0; i < credit.length; i++) credit[i] /= total;
    return credit;
  }

  /** A copy of this forest with another threshold (rule `fixed`). */
  withThreshold(threshold: number): IsolationForest {
    const rule: ThresholdRule = { kind: 'fixed', value: threshold };
    checkThresholdRule(rule);
    return new IsolationForest(this.nFeatures, this.samplesPerTree, this.seed, rule, threshold, this.layout);
  }

  /** Versioned JSON form (see docs/iforest.md). */
  toJSON(): unknown {
    return forestToJSON({
      nFeatures: this.nFeatures,
      samplesPerTree: this.samplesPerTree,
      maxDepth: this.maxDepth,
      seed: this.seed,
      thresholdRule: this.thresholdRule,
      threshold: this.threshold,
      trees: this.trees,
    });
  }

  /** Restores a forest from {@link toJSON} output (or its JSON.parse); INVALID_MODEL when malformed. */
  static fromJSON(json: unknown): IsolationForest {
    const f = forestFromJSON(json);
    return new IsolationForest(f.nFeatures, f.samplesPerTree, f.seed, f.thresholdRule, f.threshold, new ForestLayout(f.trees, f.maxDepth));
  }

  private scoreFlatUnchecked(m: FlatMatrix): Float64Array {
    const out = new Float64Array(m.nRows);
    this.layout.sumPathLengths(m.data, m.nRows, m.nCols, out);
    const n = this.nEstimators;
    const c = averagePathLength(this.samplesPerTree);
    if (c === 0) return out.fill(anomalyScore(0, this.samplesPerTree));
    const scale = -1 / (n * c);
    for (let i = 0; i < out.length; i++) out[i] = Math.pow(2, out[i] * scale);
    return out;
  }
}

function resolveRule(opts: IsolationForestOptions): ThresholdRule {
  let rule: ThresholdRule;
  if (opts.threshold !== undefined) rule = opts.threshold;
  else if (opts.contamination === undefined || opts.contamination === 'auto') rule = { kind: 'auto' };
  else rule = { kind: 'contamination', fraction: opts.contamination };
  checkThresholdRule(rule);
  return rule;
}
