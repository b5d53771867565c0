import { IsolationForestError } from './errors';
import { modelRefusal, storedJson, type ModelRefusal } from './stored-model';
import { IsolationForest } from './isolation-forest';
import {
  checkObservation,
  collectStats,
  type ParamStats,
  RECORD_FEATURE_NAMES,
  type RecordFeatureName,
  type RecordFeatureStats,
  type RecordObservation,
  recordFeatures,
} from './record-features';
import type { ThresholdRule } from './threshold';

/** Options of {@link RecordFeatureModel.fit}. */
export interface RecordFeatureModelOptions {
  /** PRNG seed (default 42). */
  seed?: number;
  /** Trees (default 100). */
  nEstimators?: number;
  /** ψ (default 256). */
  maxSamples?: number;
  /** Expected outlier fraction of the training records (scikit-learn's percentile rule). */
  contamination?: number | 'auto';
  /** Threshold rule; overrides `contamination` (default `training-max`: normal-only training data). */
  threshold?: ThresholdRule;
  /**
   * Flag a record whose template was never seen in training, or whose feature lies outside
   * the training range widened by `rangeMargin` × (max − min) on each side (default true):
   * the forest only splits inside the training range, so it cannot tell "a bit beyond"
   * from "far beyond".
   */
  rangeCheck?: boolean;
  /** Widening of the range check, as a fraction of each feature's training span (default 0.25). */
  rangeMargin?: number;
}

/** Result of scoring one record. */
export interface RecordScore {
  /** Forest score 2^(−E[h(x)]/c(ψ)) in (0, 1], or 1 when the range check fired. */
  score: number;
  /** The forest's own score. */
  forestScore: number;
  /** Features outside the widened training range (range check), most extreme first. */
  outOfRange: RecordFeatureName[];
  /** score ≥ threshold ⇒ anomaly. */
  threshold: number;
  /** The verdict. */
  isAnomaly: boolean;
  /** The feature values (see {@link RECORD_FEATURE_NAMES}). */
  features: Record<RecordFeatureName, number>;
  /**
   * The feature that explains the score best: the most extreme out-of-range feature, else
   * the feature whose replacement by its training median lowers the forest score most.
   */
  topFeature: RecordFeatureName;
}

/** `format` tag of a serialized record model. */
export const RECORD_MODEL_FORMAT = 'log-sentinel.iforest.record-features';

/**
 * Isolation Forest over per-record features (template rarity, parameter count,
 * numeric-parameter z-scores per template, level, message length, time since the previous
 * record of the session/stream), for the detector to score each record.
 */
export class RecordFeatureModel {
  private constructor(
    private readonly stats: RecordFeatureStats,
    private readonly ranges: FeatureRanges,
    /** The fitted forest over {@link RECORD_FEATURE_NAMES}. */
    readonly forest: IsolationForest,
  ) {}

  /** Threshold (score ≥ threshold ⇒ anomaly). */
  get threshold(): number {
    return this.forest.threshold;
  }

  /** Number of training records. */
  get nTrainingRecords(): number {
    return this.stats.nRecords;
  }

  /** Fits on observations (the default threshold assumes they are normal). */
  static fit(observations: readonly RecordObservation[], opts: RecordFeatureModelOptions = {}): RecordFeatureModel {
    if (!Array.isArray(observations)) throw new IsolationForestError('INVALID_INPUT', 'observations must be an array');
    if (observations.length === 0) throw new IsolationForestError('EMPTY_INPUT', 'cannot fit a record model on zero observations');
    observations.forEach((o, i) => checkObservation(o, `observation ${i}`));
    const stats = collectStats(observations);
    const nCols = RECORD_FEATURE_NAMES.length;
    const data = new Float64Array(observations.length * nCols);
    observations.forEach((o, r) => recordFeatures(o, stats, data.subarray(r * nCols, (r + 1) * nCols)));
    const threshold =
      opts.threshold ??
      (opts.contamination === undefined
        ? ({ kind: 'training-max' } as const)
        : opts.contamination === 'auto'
          ? ({ kind: 'auto' } as const)
          : ({ kind: 'contamination', fraction: opts.contamination } as const));
    const margin = opts.rangeMargin ?? 0.25;
    if (!(Number.isFinite(margin) && margin >= 0)) {
      throw new IsolationForestError('INVALID_OPTION', `rangeMargin must be a finite number ≥ 0, got ${String(margin)}`);
    }
    const ranges = featureRanges(data, nCols, opts.rangeCheck ?? true, margin);
    const forest = IsolationForest.fitFlat(
      { data, nRows: observations.length, nCols },
      { seed: opts.seed, nEstimators: opts.nEstimators, maxSamples: opts.maxSamples, threshold },
    );
    return new RecordFeatureModel(stats, ranges, forest);
  }

  /** Feature vector of one observation (columns as {@link RECORD_FEATURE_NAMES}). */
  features(o: RecordObservation): Float64Array {
    checkObservation(o, 'observation');
    return recordFeatures(o, this.stats);
  }

  /** Scores one observation. */
  score(o: RecordObservation): RecordScore {
    const x = this.features(o);
    const nCols = x.length;
    // Row 0: the record; row 1 + j: the record with feature j set to its training median.
    const probe = new Float64Array((nCols + 1) * nCols);
    for (let r = 0; r <= nCols; r++) {
      probe.set(x, r * nCols);
      if (r > 0) probe[r * nCols + r - 1] = this.ranges.median[r - 1];
    }
    const scores = this.forest.scoreFlat({ data: probe, nRows: nCols + 1, nCols });
    const forestScore = scores[0];
    const excess = this.rangeExcess(x, o);
    const outOfRange = excess
      .map((e, j) => [e, j] as const)
      .filter(([e]) => e > 0)
      .sort((a, b) => b[0] - a[0])
      .map(([, j]) => RECORD_FEATURE_NAMES[j]);
    let top = 0;
    for (let j = 1; j < nCols; j++) if (scores[1 + j] < scores[1 + top]) top = j;
    const features = {} as Record<RecordFeatureName, number>;
    RECORD_FEATURE_NAMES.forEach((name, i) => (features[name] = x[i]));
    const threshold = this.forest.threshold;
    const score = outOfRange.length > 0 ? 1 : forestScore;
    return {
      score,
      forestScore,
      outOfRange,
      threshold,
      isAnomaly: score >= threshold,
      features,
      topFeature: outOfRange[0] ?? RECORD_FEATURE_NAMES[top],
    };
  }

  /** Scores many observations; returns the scores only (range check applied: 1 when it fires). */
  scoreMany(observations: readonly RecordObservation[]): Float64Array {
    const nCols = RECORD_FEATURE_NAMES.length;
    const data = new Float64Array(observations.length * nCols);
    observations.forEach((o, r) => {
      checkObservation(o, `observation ${r}`);
      recordFeatures(o, this.stats, data.subarray(r * nCols, (r + 1) * nCols));
    });
    const scores = this.forest.scoreFlat({ data, nRows: observations.length, nCols });
    if (this.ranges.enabled) {
      for (let r = 0; r < scores.length; r++) {
        if (this.rangeExcess(data.subarray(r * nCols, (r + 1) * nCols), observations[r]).some((e) => e > 0)) scores[r] = 1;
      }
    }
    return scores;
  }

  /** Range-check excess per feature; a template never seen in training puts templateRarity out of range. */
  private rangeExcess(x: ArrayLike<number>, o: RecordObservation): number[] {
    const excess = rangeExcess(x, this.ranges);
    if (this.ranges.enabled && !this.stats.templateCounts.has(o.templateId)) excess[0] = Math.max(excess[0], 1);
    return excess;
  }

  /** A copy with another threshold. */
  withThreshold(threshold: number): RecordFeatureModel {
    return new RecordFeatureModel(this.stats, this.ranges, this.forest.withThreshold(threshold));
  }

  /** Versioned JSON form. */
  toJSON(): unknown {
    return {
      format: RECORD_MODEL_FORMAT,
      formatVersion: 1,
      features: RECORD_FEATURE_NAMES,
      nRecords: this.stats.nRecords,
      templateCounts: Object.fromEntries(this.stats.templateCounts),
      paramStats: Object.fromEntries(
        [...this.stats.paramStats].map(([id, list]) => [id, list.map((s) => (s ? [s.n, s.mean, s.m2] : null))]),
      ),
      ranges: this.ranges,
      forest: this.forest.toJSON(),
    };
  }

  /** Restores a model from {@link toJSON} output (object or JSON text); INVALID_MODEL when malformed. */
  static fromJSON(json: unknown): RecordFeatureModel {
    const o = storedJson(json, bad);
    if (o === null || typeof o !== 'object') bad('not an object');
    const m = o as Record<string, unknown>;
    if (m.format !== RECORD_MODEL_FORMAT) bad(`format is ${JSON.stringify(m.format)}, expected "${RECORD_MODEL_FORMAT}"`);
    if (m.formatVersion !== 1) bad(`formatVersion ${JSON.stringify(m.formatVersion)} is not supported (this build reads 1)`);
    if (JSON.stringify(m.features) !== JSON.stringify(RECORD_FEATURE_NAMES)) bad('feature list differs from this build');
    if (!Number.isInteger(m.nRecords) || (m.nRecords as number) < 1) bad('nRecords must be a positive integer');
    const templateCounts = new Map<string, number>();
    for (const [id, c] of Object.entries(asRecord(m.templateCounts, 'templateCounts'))) {
      if (!Number.isInteger(c) || (c as number) < 1) bad(`templateCounts.${id} must be a positive integer`);
      templateCounts.set(id, c as number);
    }
    const paramStats = new Map<string, (ParamStats | undefined)[]>();
    for (const [id, list] of Object.entries(asRecord(m.paramStats, 'paramStats'))) {
      if (!Array.isArray(list)) bad(`paramStats.${id} must be an array`);
      paramStats.set(
        id,
        (list as unknown[]).map((s) => {
          if (s === null) return undefined;
          if (!Array.isArray(s) || s.length !== 3 || !s.every((v) => typeof v === 'number' && Number.isFinite(v))) {
            bad(`paramStats.${id} entries must be [n, mean, m2] or null`);
          }
          const [n, mean, m2] = s as number[];
          return { n, mean, m2 };
        }),
      );
    }
    const r = asRecord(m.ranges, 'ranges');
    if (typeof r.enabled !== 'boolean') bad('ranges.enabled must be a boolean');
    const n = RECORD_FEATURE_NAMES.length;
    const ranges: FeatureRanges = {
      enabled: r.enabled as boolean,
      margin: finiteNumbers([r.margin], 'ranges.margin', 1)[0],
      min: finiteNumbers(r.min, 'ranges.min', n),
      max: finiteNumbers(r.max, 'ranges.max', n),
      median: finiteNumbers(r.median, 'ranges.median', n),
    };
    const forest = IsolationForest.fromJSON(m.forest);
    if (forest.nFeatures !== n) bad(`forest has ${forest.nFeatures} features`);
    return new RecordFeatureModel({ nRecords: m.nRecords as number, templateCounts, paramStats }, ranges, forest);
  }
}

/** Training range and median per feature, and the range check settings. */
interface FeatureRanges {
  enabled: boolean;
  margin: number;
  min: number[];
  max: number[];
  median: number[];
}

function featureRanges(data: Float64Array, nCols: number, enabled: boolean, margin: number): FeatureRanges {
  const nRows = data.length / nCols;
  const min: number[] = [];
  const max: number[] = [];
  const median: number[] = [];
  const col = new Float64Array(nRows);
  for (let j = 0; j < nCols; j++) {
    for (let r = 0; r < nRows; r++) col[r] = data[r * nCols + j];
    col.sort();
    min.push(col[0]);
    max.push(col[nRows - 1]);
    median.push(col[Math.floor((nRows - 1) / 2)]);
  }
  return { enabled, margin, min, max, median };
}

/** Per feature: how far beyond the widened range the value lies, in units of the span (0 inside). */
function rangeExcess(x: ArrayLike<number>, rg: FeatureRanges): number[] {
  const out: number[] = [];
  for (let j = 0; j < rg.min.length; j++) {
    if (!rg.enabled) {
      out.push(0);
      continue;
    }
    const span = rg.max[j] - rg.min[j];
    const unit = span > 0 ? span : 1;
    const lo = rg.min[j] - rg.margin * span;
    const hi = rg.max[j] + rg.margin * span;
    out.push(x[j] > hi ? (x[j] - hi) / unit : x[j] < lo ? (lo - x[j]) / unit : 0);
  }
  return out;
}

function finiteNumbers(v: unknown, what: string, length: number): number[] {
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    bad(`${what} must be ${length} finite numbers`);
  }
  return v as number[];
}

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(`${what} must be an object`);
  return v as Record<string, unknown>;
}

const bad: ModelRefusal = modelRefusal('record feature model');
