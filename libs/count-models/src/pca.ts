/**
 * PCA anomaly detection on session count vectors (Xu et al., "Detecting Large-Scale System
 * Problems by Mining Console Logs", SOSP 2009; as loglizer runs it): each session's key counts,
 * TF-IDF weighted (optional) and centred with the training statistics, are split into the normal
 * subspace (the principal components that hold `variance` of the training variance) and the
 * residual subspace. A session whose squared prediction error (SPE, the squared length of its
 * residual part) exceeds the Q-statistic threshold of Jackson and Mudholkar (1979) at
 * α = 0.001 (`cAlpha` 3.2905) is anomalous. Keys never seen in training carry no weight here
 * (loglizer's default, without its out-of-vocabulary column; the pipeline flags them on its own).
 *
 * TF-IDF needs training data that holds anomalies, as loglizer's unsupervised split does: on
 * normal sessions only, a key every session holds gets weight log(1) = 0 and its count is not
 * seen at all. Even on such a mix, a key (nearly) every session holds weighs (nearly) 0, so an
 * anomaly that shows only in the counts of such keys is invisible: on HDFS, the blocks that
 * stop after allocate + receive and most failed replications (docs/benchmarks.md, "PCA and
 * Invariants Mining", "Why PCA stays below loglizer's number"). The verdicts equal loglizer's
 * on the same splits (libs/count-models/scripts/pca_reference.py).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { LogKey } from './invariants';
import { sessionCounts } from './session-counts';

/** Options of {@link PcaModel.fit}. */
export interface PcaOptions {
  /** Share of the training variance the normal subspace keeps (default 0.95, loglizer's). */
  variance?: number;
  /** Normal deviate c_α of the threshold (default 3.2905: α = 0.001, the two-sided 99.9 % deviate loglizer's table gives for it). */
  cAlpha?: number;
  /**
   * Column weighting (default 'tf-idf', as Xu et al. and loglizer): each key's count times
   * log(sessions / sessions containing it), so a key present in every session carries no
   * weight; 'none' keeps raw counts.
   */
  weighting?: 'tf-idf' | 'none';
}

/** Defaults of {@link PcaOptions}. */
export const PCA_DEFAULTS: Required<PcaOptions> = { variance: 0.95, cAlpha: 3.2905, weighting: 'tf-idf' };

/** Serialised model (`pca.json`). */
export interface PcaJson {
  /** Format version. */
  version: 1;
  /** Training sessions. */
  sessions: number;
  /** Options used. */
  options: Required<PcaOptions>;
  /** Keys (columns), in training order. */
  keys: string[];
  /** Weight of each key (inverse document frequency, or 1 without weighting). */
  idf: number[];
  /** Training mean of each weighted column. */
  mean: number[];
  /** Principal directions of the normal subspace, one array of `keys.length` per component. */
  components: number[][];
  /** SPE threshold (Q statistic). */
  threshold: number;
}

/** SPE of one session and the verdict. */
export interface PcaScore {
  /** Squared prediction error. */
  spe: number;
  /** The model's threshold. */
  threshold: number;
  /** spe > threshold. */
  isAnomaly: boolean;
}

/** Q-statistic threshold from the residual eigenvalues of the covariance (Jackson & Mudholkar 1979). */
export function qThreshold(residual: readonly number[], cAlpha: number): number {
  const phi = [1, 2, 3].map((i) => residual.reduce((a, l) => a + Math.max(0, l) ** i, 0));
  const [p1, p2, p3] = phi as [number, number, number];
  if (!(p1 > 0) || !(p2 > 0)) return 0;
  const h0 = 1 - (2 * p1 * p3) / (3 * p2 * p2);
  const base = (cAlpha * Math.sqrt(2 * p2 * h0 * h0)) / p1 + 1 + (p2 * h0 * (h0 - 1)) / (p1 * p1);
  return p1 * Math.pow(Math.max(base, 0), 1 / h0);
}

/** A fitted PCA model. */
export class PcaModel {
  private readonly index: Map<string, number>;

  private constructor(private readonly j: PcaJson) {
    this.index = new Map(j.keys.map((k, i) => [k, i]));
  }

  /** Number of principal components kept. */
  get components(): number {
    return this.j.components.length;
  }

  /** The SPE threshold. */
  get threshold(): number {
    return this.j.threshold;
  }

  /** Fits the model on normal sessions (each a sequence of log keys). */
  static fit(sessions: Iterable<readonly LogKey[]>, options: PcaOptions = {}): PcaModel {
    const opts = { ...PCA_DEFAULTS, ...options };
    if (!(opts.variance > 0 && opts.variance < 1)) throw new RangeError(`variance must be in (0, 1), got ${opts.variance}`);
    if (!(opts.cAlpha > 0)) throw new RangeError(`cAlpha must be positive, got ${opts.cAlpha}`);
    const { keys, rows } = sessionCounts(sessions);
    const n = rows.length;
    const m = keys.length;
    if (n < 2 || m < 1) return new PcaModel({ version: 1, sessions: n, options: opts, keys, idf: keys.map(() => 0), mean: keys.map(() => 0), components: [], threshold: Number.MAX_VALUE });
    const df = new Array<number>(m).fill(0);
    for (const r of rows) for (const i of r.keys()) df[i]!++;
    const idf = df.map((d) => (opts.weighting === 'none' ? 1 : Math.log(n / d)));
    const mean = new Array<number>(m).fill(0);
    for (const r of rows) for (const [i, c] of r) mean[i]! += (c * idf[i]!) / n;
    // covariance of the weighted, centred counts: YᵀY / n, as loglizer computes it
    const cov = Array.from({ length: m }, () => new Float64Array(m));
    const y = new Float64Array(m);
    for (const r of rows) {
      for (let i = 0; i < m; i++) y[i] = -mean[i]!;
      for (const [i, c] of r) y[i]! += c * idf[i]!;
      for (let i = 0; i < m; i++) {
        const yi = y[i]!;
        if (yi === 0) continue;
        const ci = cov[i]!;
        for (let k = 0; k < m; k++) ci[k]! += yi * y[k]!;
      }
    }
    for (const ci of cov) for (let k = 0; k < m; k++) ci[k]! /= n;
    const eig = new EigenvalueDecomposition(new Matrix(cov.map((c) => Array.from(c))), { assumeSymmetric: true });
    const order = eig.realEigenvalues.map((l, i) => [Math.max(0, l), i] as const).sort((a, b) => b[0] - a[0]);
    const total = order.reduce((a, [l]) => a + l, 0);
    let kept = 0;
    let acc = 0;
    while (kept < order.length && (total === 0 || acc / total < opts.variance)) acc += order[kept++]![0];
    const vectors = eig.eigenvectorMatrix;
    const components = order.slice(0, kept).map(([, i]) => vectors.getColumn(i));
    // Exact count relations (e.g. every "receive" has its "ack") leave residual eigenvalues that
    // are rounding noise: treat them as 0, and never let the threshold fall below that noise.
    const noise = 1e-9 * total;
    const threshold = Math.max(qThreshold(order.slice(kept).map(([l]) => (l < noise ? 0 : l)), opts.cAlpha), noise);
    return new PcaModel({ version: 1, sessions: n, options: opts, keys, idf, mean, components, threshold });
  }

  /** Scores a session given the count of each key in it. */
  score(counts: (key: string) => number): PcaScore {
    const { keys, idf, mean, components, threshold } = this.j;
    const y = keys.map((k, i) => counts(k) * idf[i]! - mean[i]!);
    let spe = y.reduce((a, v) => a + v * v, 0);
    for (const c of components) {
      let dot = 0;
      for (let i = 0; i < y.length; i++) dot += c[i]! * y[i]!;
      spe -= dot * dot;
    }
    spe = Math.max(0, spe);
    return { spe, threshold, isAnomaly: spe > threshold };
  }

  /** Scores a session given as its sequence of keys. */
  scoreSequence(keys: readonly LogKey[]): PcaScore {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const k = String(key);
      if (this.index.has(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return this.score((k) => counts.get(k) ?? 0);
  }

  /** Keys whose counts the model reads. */
  get keys(): readonly string[] {
    return this.j.keys;
  }

  /** Serialised form (`pca.json`). */
  toJSON(): PcaJson {
    return this.j;
  }

  /** Reads a serialised model; throws a clear error on a malformed one. */
  static fromJSON(text: string): PcaModel {
    const j = JSON.parse(text) as Partial<PcaJson>;
    const m = j.keys?.length ?? -1;
    if (j.version !== 1 || !Array.isArray(j.keys) || !Array.isArray(j.idf) || !Array.isArray(j.mean) || !Array.isArray(j.components) || typeof j.threshold !== 'number') {
      throw new Error('pca.json: not a PCA model (version 1 with keys, idf, mean, components, threshold)');
    }
    if (j.idf.length !== m || j.mean.length !== m || j.components.some((c) => !Array.isArray(c) || c.length !== m)) {
      throw new Error(`pca.json: idf, mean and every component need one value per key (${m})`);
    }
    return new PcaModel({ ...(j as PcaJson), options: { ...PCA_DEFAULTS, ...(j.options ?? {}) } });
  }
}
