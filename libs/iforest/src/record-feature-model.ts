import { IsolationForestError } from './errors';
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
}

/** Result of scoring one record. */
export interface RecordScore {
  /** Forest score 2^(−E[h(x)]/c(ψ)) in (0, 1]. */
  score: number;
  /** score ≥ threshold ⇒ anomaly. */
  threshold: number;
  /** The verdict. */
  isAnomaly: boolean;
  /** The feature values (see {@link RECORD_FEATURE_NAMES}). */
  features: Record<RecordFeatureName, number>;
  /** Feature that isolated the record in most trees (see IsolationForest.featureAttribution). */
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
    const forest = IsolationForest.fitFlat(
      { data, nRows: observations.length, nCols },
      { seed: opts.seed, nEstimators: opts.nEstimators, maxSamples: opts.maxSamples, threshold },
    );
    return new RecordFeatureModel(stats, forest);
  }

  /** Feature vector of one observation (columns as {@link RECORD_FEATURE_NAMES}). */
  features(o: RecordObservation): Float64Array {
    checkObservation(o, 'observation');
    return recordFeatures(o, this.stats);
  }

  /** Scores one observation. */
  score(o: RecordObservation): RecordScore {
    const x = this.features(o);
    const score = this.forest.scoreOne(x);
    const attribution = this.forest.featureAttribution(x);
    let top = 0;
    for (let i = 1; i < attribution.length; i++) if (attribution[i] > attribution[top]) top = i;
    const features = {} as Record<RecordFeatureName, number>;
    RECORD_FEATURE_NAMES.forEach((name, i) => (features[name] = x[i]));
    const threshold = this.forest.threshold;
    return { score, threshold, isAnomaly: score >= threshold, features, topFeature: RECORD_FEATURE_NAMES[top] };
  }

  /** Scores many observations; returns only the scores (fast path). */
  scoreMany(observations: readonly RecordObservation[]): Float64Array {
    const nCols = RECORD_FEATURE_NAMES.length;
    const data = new Float64Array(observations.length * nCols);
    observations.forEach((o, r) => {
      checkObservation(o, `observation ${r}`);
      recordFeatures(o, this.stats, data.subarray(r * nCols, (r + 1) * nCols));
    });
    return this.forest.scoreFlat({ data, nRows: observations.length, nCols });
  }

  /** A copy with another threshold. */
  withThreshold(threshold: number): RecordFeatureModel {
    return new RecordFeatureModel(this.stats, this.forest.withThreshold(threshold));
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
      forest: this.forest.toJSON(),
    };
  }

  /** Restores a model from {@link toJSON} output (object or JSON text); INVALID_MODEL when malformed. */
  static fromJSON(json: unknown): RecordFeatureModel {
    let o: unknown = json;
    if (typeof json === 'string') {
      try {
        o = JSON.parse(json);
      } catch (err) {
        bad('not valid JSON', err);
      }
    }
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
    const forest = IsolationForest.fromJSON(m.forest);
    if (forest.nFeatures !== RECORD_FEATURE_NAMES.length) bad(`forest has ${forest.nFeatures} features`);
    return new RecordFeatureModel({ nRecords: m.nRecords as number, templateCounts, paramStats }, forest);
  }
}

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function bad(message: string, cause?: unknown): never {
  throw new IsolationForestError('INVALID_MODEL', `bad record feature model: ${message}`, { cause });
}
