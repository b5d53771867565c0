import { IsolationForestError } from './errors';
import { modelRefusal, storedJson, type ModelRefusal } from './stored-model';
import { IsolationForest } from './isolation-forest';
import type { ThresholdRule } from './threshold';

/** Options of {@link SessionCountModel.fit}. */
export interface SessionCountModelOptions {
  /** PRNG seed of the forest (default 42). */
  seed?: number;
  /** Weight counts by idf = ln(N / df) over the training sessions (loglizer's `tf-idf`; default false). */
  tfidf?: boolean;
  /** Trees (default 100). */
  nEstimators?: number;
  /** ψ (default 256). */
  maxSamples?: number;
  /** Threshold rule of the forest (default `training-max`: training data is normal-only). */
  threshold?: ThresholdRule;
  /**
   * Flag a session when a key was never seen in training or a key's count lies outside
   * the training [min, max] of that key (default true). A forest cannot isolate such
   * values: it only splits inside the training range, and never on a key whose count is
   * constant in training.
   */
  rangeCheck?: boolean;
}

/** Result of scoring one session. */
export interface SessionScore {
  /** Forest score in (0, 1], or 1 when the range check fired. */
  score: number;
  /** score ≥ threshold ⇒ anomaly. */
  threshold: number;
  /** The verdict. */
  isAnomaly: boolean;
  /** The forest's own score 2^(−E[h(x)]/c(ψ)) of the count vector. */
  forestScore: number;
  /** Keys of the session never seen in training (range check). */
  unseenKeys: number[];
  /** Seen keys whose count lies outside the training range (range check). */
  outOfRangeKeys: number[];
}

/** `format` tag of a serialized session model. */
export const SESSION_MODEL_FORMAT = 'log-sentinel.iforest.session-count';

/**
 * Isolation Forest on per-session log-key count vectors (loglizer style), for
 * `--format keys`: one session = a list of integer log keys; the vector has one column
 * per key seen in training, holding the key's count (optionally tf-idf weighted).
 */
export class SessionCountModel {
  private readonly index: Map<number, number>;

  private constructor(
    /** Keys seen in training, ascending; column i counts vocabulary[i]. */
    readonly vocabulary: readonly number[],
    /** idf per column when tf-idf is on, else null. */
    readonly idf: readonly number[] | null,
    /** Training minimum count per column. */
    readonly countMin: readonly number[],
    /** Training maximum count per column. */
    readonly countMax: readonly number[],
    /** Whether the range check is on. */
    readonly rangeCheck: boolean,
    /** The fitted forest. */
    readonly forest: IsolationForest,
  ) {
    this.index = new Map(vocabulary.map((k, i) => [k, i]));
  }

  /** Threshold of the forest (score ≥ threshold ⇒ anomaly). */
  get threshold(): number {
    return this.forest.threshold;
  }

  /** Fits on normal sessions (arrays of integer log keys). */
  static fit(sessions: number[][], opts: SessionCountModelOptions = {}): SessionCountModel {
    checkSessions(sessions);
    if (sessions.length === 0) throw new IsolationForestError('EMPTY_INPUT', 'cannot fit a session model on zero sessions');
    const keys = new Set<number>();
    for (const s of sessions) for (const k of s) keys.add(k);
    if (keys.size === 0) throw new IsolationForestError('EMPTY_INPUT', 'training sessions hold no log keys');
    const vocabulary = [...keys].sort((a, b) => a - b);
    const index = new Map(vocabulary.map((k, i) => [k, i]));
    const nCols = vocabulary.length;
    const counts = new Float64Array(sessions.length * nCols);
    const df = new Float64Array(nCols);
    sessions.forEach((s, r) => {
      for (const k of s) counts[r * nCols + (index.get(k) as number)]++;
      for (let c = 0; c < nCols; c++) if (counts[r * nCols + c] > 0) df[c]++;
    });
    const countMin = new Array<number>(nCols).fill(Infinity);
    const countMax = new Array<number>(nCols).fill(-Infinity);
    for (let r = 0; r < sessions.length; r++) {
      for (let c = 0; c < nCols; c++) {
        const v = counts[r * nCols + c];
        if (v < countMin[c]) countMin[c] = v;
        if (v > countMax[c]) countMax[c] = v;
      }
    }
    const idf = opts.tfidf ? Array.from(df, (d) => Math.log(sessions.length / d)) : null;
    if (idf) for (let i = 0; i < counts.length; i++) counts[i] *= idf[i % nCols];
    const forest = IsolationForest.fitFlat(
      { data: counts, nRows: sessions.length, nCols },
      {
        seed: opts.seed,
        nEstimators: opts.nEstimators,
        maxSamples: opts.maxSamples,
        threshold: opts.threshold ?? { kind: 'training-max' },
      },
    );
    return new SessionCountModel(vocabulary, idf, countMin, countMax, opts.rangeCheck ?? true, forest);
  }

  /** The (weighted) count vector of a session; unseen keys are not in it. */
  vectorize(session: readonly number[]): Float64Array {
    const v = new Float64Array(this.vocabulary.length);
    for (const k of session) {
      const i = this.index.get(k);
      if (i !== undefined) v[i]++;
    }
    if (this.idf) for (let i = 0; i < v.length; i++) v[i] *= this.idf[i];
    return v;
  }

  /** Scores one session. */
  score(session: number[]): SessionScore {
    return this.scoreMany([session])[0];
  }

  /** Scores many sessions (faster than one by one). */
  scoreMany(sessions: number[][]): SessionScore[] {
    checkSessions(sessions);
    const nCols = this.vocabulary.length;
    const data = new Float64Array(sessions.length * nCols);
    sessions.forEach((s, r) => data.set(this.vectorize(s), r * nCols));
    const forestScores = this.forest.scoreFlat({ data, nRows: sessions.length, nCols });
    const threshold = this.forest.threshold;
    return sessions.map((s, r) => {
      const unseenKeys: number[] = [];
      const outOfRangeKeys: number[] = [];
      if (this.rangeCheck) {
        const raw = new Float64Array(nCols);
        for (const k of s) {
          const i = this.index.get(k);
          if (i === undefined) {
            if (!unseenKeys.includes(k)) unseenKeys.push(k);
          } else raw[i]++;
        }
        for (let c = 0; c < nCols; c++) {
          if (raw[c] < this.countMin[c] || raw[c] > this.countMax[c]) outOfRangeKeys.push(this.vocabulary[c]);
        }
      }
      const forestScore = forestScores[r];
      const outside = unseenKeys.length > 0 || outOfRangeKeys.length > 0;
      const score = outside ? 1 : forestScore;
      return { score, threshold, isAnomaly: score >= threshold, forestScore, unseenKeys, outOfRangeKeys };
    });
  }

  /** Versioned JSON form. */
  toJSON(): unknown {
    return {
      format: SESSION_MODEL_FORMAT,
      formatVersion: 1,
      vocabulary: this.vocabulary,
      idf: this.idf,
      countMin: this.countMin,
      countMax: this.countMax,
      rangeCheck: this.rangeCheck,
      forest: this.forest.toJSON(),
    };
  }

  /** Restores a model from {@link toJSON} output (object or JSON text); INVALID_MODEL when malformed. */
  static fromJSON(json: unknown): SessionCountModel {
    const o = storedJson(json, bad) as Record<string, unknown> | null;
    if (o === null || typeof o !== 'object') bad('not an object');
    if (o.format !== SESSION_MODEL_FORMAT) bad(`format is ${JSON.stringify(o.format)}, expected "${SESSION_MODEL_FORMAT}"`);
    if (o.formatVersion !== 1) bad(`formatVersion ${JSON.stringify(o.formatVersion)} is not supported (this build reads 1)`);
    const vocabulary = numbers(o.vocabulary, 'vocabulary');
    if (!vocabulary.every(Number.isInteger)) bad('vocabulary must hold integer keys');
    const n = vocabulary.length;
    const idf = o.idf === null ? null : numbers(o.idf, 'idf', n);
    const countMin = numbers(o.countMin, 'countMin', n);
    const countMax = numbers(o.countMax, 'countMax', n);
    if (typeof o.rangeCheck !== 'boolean') bad('rangeCheck must be a boolean');
    const forest = IsolationForest.fromJSON(o.forest);
    if (forest.nFeatures !== n) bad(`forest has ${forest.nFeatures} features, vocabulary ${n} keys`);
    return new SessionCountModel(vocabulary, idf, countMin, countMax, o.rangeCheck as boolean, forest);
  }
}

function checkSessions(sessions: unknown): asserts sessions is number[][] {
  if (!Array.isArray(sessions)) throw new IsolationForestError('INVALID_INPUT', 'sessions must be an array of arrays of log keys');
  sessions.forEach((s: unknown, r) => {
    if (!Array.isArray(s)) throw new IsolationForestError('INVALID_INPUT', `session ${r} is not an array of log keys`);
    for (const k of s as unknown[]) {
      if (typeof k !== 'number' || !Number.isFinite(k)) {
        throw new IsolationForestError('NON_FINITE_VALUE', `session ${r} holds the key ${String(k)}; keys must be finite integers`);
      }
      if (!Number.isInteger(k)) throw new IsolationForestError('INVALID_INPUT', `session ${r} holds the non-integer key ${k}`);
    }
  });
}

function numbers(v: unknown, what: string, length?: number): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) bad(`${what} must be an array of finite numbers`);
  if (length !== undefined && (v as number[]).length !== length) bad(`${what} must have ${length} entries`);
  return v as number[];
}

const bad: ModelRefusal = modelRefusal('session count model');
