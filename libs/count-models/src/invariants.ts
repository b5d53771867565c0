/**
 * Invariants Mining (Lou et al., "Mining Invariants from Console Logs for System Problem
 * Detection", USENIX ATC 2010): sparse linear relations with small integer coefficients between
 * the counts of log keys that hold in (nearly) every normal session, e.g. count("Receiving
 * block") = count("Received block"). A session that breaks any of them is anomalous.
 *
 * Mining, as the paper describes it:
 * 1. Estimate the dimension r of the invariant space (the complement of the count matrix's row
 *    space): the right singular directions of the count matrix, smallest singular value first,
 *    on which at least `minSupport` of the sessions have |count · v| < `epsilon`.
 * 2. Search sparse invariants Apriori-style over key sets of growing size (2, 3, … `maxSize`):
 *    a set's candidate is the direction in which its columns vary least (the eigenvector of the
 *    smallest eigenvalue of their Gram matrix), scaled so its smallest coefficient is 1, 2 or 3
 *    (up to `maxCoefficient`) and rounded to integers; it is an invariant when at least
 *    `minSupport` of the training sessions satisfy it. Sets that contain a found invariant's keys
 *    are not searched, an invariant implied by the found ones (in their linear span) is not kept,
 *    and the search stops once r invariants are found.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sessionCounts, type LogKey } from './session-counts';

export type { LogKey };

/** Options of {@link InvariantsModel.mine}. */
export interface InvariantsOptions {
  /** Largest number of keys in one invariant (2 to 4; default 3). */
  maxSize?: number;
  /** Share of the training sessions that must satisfy an invariant, and that bounds the invariant space's dimension (default 0.98, Lou et al.'s and loglizer's). */
  minSupport?: number;
  /** A session satisfies a (real-valued) relation when |Σ coefficient × count| < epsilon (default 0.5; for integer relations this means = 0). */
  epsilon?: number;
  /** Training sessions in which at least one of its keys occurs (default 10), so a relation between rare keys is not taken for a law. */
  minEvidence?: number;
  /** Scales tried for the smallest coefficient, 1 to this (default 3: loglizer's 1, 2, 3). */
  maxCoefficient?: number;
  /** Key sets examined at most (default 200,000); larger sets are skipped when the budget would be exceeded. */
  maxCandidates?: number;
}

/** One mined invariant: Σ coefficients[i] × count(keys[i]) = 0 in a normal session. */
export interface Invariant {
  /** Log keys, in the training data's order of first appearance. */
  keys: string[];
  /** Integer coefficients, one per key; the first is positive. */
  coefficients: number[];
  /** Share of the training sessions that satisfy it. */
  support: number;
  /** Training sessions in which at least one of its keys occurs. */
  evidence: number;
}

/** A broken invariant in one session. */
export interface Violation {
  /** The invariant. */
  invariant: Invariant;
  /** The session's count of each of its keys. */
  counts: number[];
  /** Σ coefficient × count (0 when it holds). */
  residual: number;
}

/** Serialised model (`invariants.json`). */
export interface InvariantsJson {
  /** Format version. */
  version: 1;
  /** Training sessions mined. */
  sessions: number;
  /** Options used. */
  options: Required<InvariantsOptions>;
  /** The invariants. */
  invariants: Invariant[];
  /** Estimated dimension of the invariant space (absent in files written before it was estimated). */
  dimension?: number;
}

/** Defaults of {@link InvariantsOptions}. */
export const INVARIANTS_DEFAULTS: Required<InvariantsOptions> = {
  maxSize: 3,
  minSupport: 0.98,
  epsilon: 0.5,
  minEvidence: 10,
  maxCoefficient: 3,
  maxCandidates: 200_000,
};

/** Count vectors of sessions, identical ones merged with a weight. */
interface CountTable {
  keys: string[];
  rows: Float64Array[];
  weights: number[];
  total: number;
}

function countTable(sessions: Iterable<readonly LogKey[]>): CountTable {
  const { keys, rows: sparse } = sessionCounts(sessions);
  const m = keys.length;
  const merged = new Map<string, { row: Float64Array; weight: number }>();
  for (const counts of sparse) {
    const id = [...counts].sort((a, b) => a[0] - b[0]).map(([i, c]) => `${i}:${c}`).join(',');
    const seen = merged.get(id);
    if (seen) {
      seen.weight++;
      continue;
    }
    const row = new Float64Array(m);
    for (const [i, c] of counts) row[i] = c;
    merged.set(id, { row, weight: 1 });
  }
  const rows = [...merged.values()];
  return { keys, rows: rows.map((r) => r.row), weights: rows.map((r) => r.weight), total: sparse.length };
}

/** The k-subsets of 0..m-1 (k ≤ m) in lexicographic order. */
function* combinations(m: number, k: number): Generator<number[]> {
  if (k > m) return;
  const c = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...c];
    let i = k - 1;
    while (i >= 0 && c[i] === m - k + i) i--;
    if (i < 0) return;
    c[i]!++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1]! + 1;
  }
}

function choose(m: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (m - i)) / (i + 1);
  return Math.round(r);
}

/**
 * The integer candidates of direction v: for each scale s = 1 … maxScale, v scaled so its
 * smallest (absolute) coefficient is s, every coefficient rounded; the first coefficient made
 * positive. None when a coefficient is ~0 (the relation would not involve that key).
 */
function integerCandidates(v: readonly number[], maxScale: number): number[][] {
  const largest = Math.max(...v.map(Math.abs));
  if (!(largest > 0) || v.some((x) => Math.abs(x) < 1e-3 * largest)) return [];
  const smallest = Math.min(...v.map(Math.abs));
  const out: number[][] = [];
  for (let scale = 1; scale <= maxScale; scale++) {
    const rounded = v.map((x) => Math.round((x / smallest) * scale));
    const sign = rounded[0]! < 0 ? -1 : 1;
    out.push(rounded.map((x) => x * sign + 0));
  }
  return out;
}

/** A growing basis of the found invariants (as vectors over all keys), to skip implied ones. */
class Span {
  private readonly basis: { pivot: number; v: Float64Array }[] = [];

  constructor(private readonly m: number) {}

  /** Adds v unless it lies in the span; returns whether it was new. */
  add(cols: readonly number[], coefficients: readonly number[]): boolean {
    const v = new Float64Array(this.m);
    cols.forEach((c, i) => (v[c] = coefficients[i]!));
    for (const b of this.basis) {
      const f = v[b.pivot]!;
      if (f !== 0) for (let j = 0; j < this.m; j++) v[j]! -= f * b.v[j]!;
    }
    let pivot = -1;
    for (let j = 0; j < this.m; j++) if (Math.abs(v[j]!) > 1e-9 && (pivot < 0 || Math.abs(v[j]!) > Math.abs(v[pivot]!))) pivot = j;
    if (pivot < 0) return false;
    const p = v[pivot]!;
    for (let j = 0; j < this.m; j++) v[j]! /= p;
    for (const b of this.basis) {
      const f = b.v[pivot]!;
      if (f !== 0) for (let j = 0; j < this.m; j++) b.v[j]! -= f * v[j]!;
    }
    this.basis.push({ pivot, v });
    return true;
  }
}

/**
 * Dimension of the invariant space (step 1 of the mining): the eigenvectors of XᵀX, smallest
 * eigenvalue first, counted while at least `minSupport` of the sessions have |x · v| < epsilon
 * on them; the search stops after this many invariants.
 */
function invariantSpaceDimension(t: CountTable, gram: readonly Float64Array[], opts: Required<InvariantsOptions>): number {
  const m = t.keys.length;
  const eig = new EigenvalueDecomposition(new Matrix(gram.map((g) => Array.from(g))), { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((l, i) => [l, i] as const).sort((a, b) => a[0] - b[0]);
  let dimension = 0;
  for (const [, i] of order) {
    const v = eig.eigenvectorMatrix.getColumn(i);
    let near = 0;
    t.rows.forEach((row, r) => {
      let s = 0;
      for (let j = 0; j < m; j++) s += row[j]! * v[j]!;
      if (Math.abs(s) < opts.epsilon) near += t.weights[r]!;
    });
    if (near < opts.minSupport * t.total) break;
    dimension++;
  }
  return dimension;
}

/** Mined invariants of a set of normal sessions, and the check of a session against them. */
export class InvariantsModel {
  /** Every key some invariant involves (only their counts matter to {@link check}). */
  readonly involved: ReadonlySet<string>;

  private constructor(
    /** The invariants. */
    readonly invariants: readonly Invariant[],
    /** Training sessions mined. */
    readonly sessions: number,
    /** Options used. */
    readonly options: Required<InvariantsOptions>,
    /** Estimated dimension of the invariant space (the most invariants the search looks for). */
    readonly dimension: number,
  ) {
    this.involved = new Set(invariants.flatMap((i) => i.keys));
  }

  /** Mines the invariants of normal sessions (each a sequence of log keys). */
  static mine(sessions: Iterable<readonly LogKey[]>, options: InvariantsOptions = {}): InvariantsModel {
    const opts = { ...INVARIANTS_DEFAULTS, ...options };
    if (!(opts.maxSize >= 2 && opts.maxSize <= 4)) throw new RangeError(`maxSize must be 2, 3 or 4, got ${opts.maxSize}`);
    if (!(opts.minSupport > 0 && opts.minSupport <= 1)) throw new RangeError(`minSupport must be in (0, 1], got ${opts.minSupport}`);
    if (!(opts.epsilon > 0)) throw new RangeError(`epsilon must be positive, got ${opts.epsilon}`);
    if (!(Number.isInteger(opts.maxCoefficient) && opts.maxCoefficient >= 1)) throw new RangeError(`maxCoefficient must be a positive integer, got ${opts.maxCoefficient}`);
    const t = countTable(sessions);
    const m = t.keys.length;
    if (t.total === 0 || m < 2) return new InvariantsModel([], t.total, opts, 0);
    // Gram matrix XᵀWX once; each candidate's is a sub-matrix of it.
    const gram = Array.from({ length: m }, () => new Float64Array(m));
    const present: number[][] = Array.from({ length: m }, () => []);
    t.rows.forEach((row, r) => {
      const w = t.weights[r]!;
      const nz: number[] = [];
      for (let i = 0; i < m; i++) if (row[i] !== 0) nz.push(i);
      for (const i of nz) {
        present[i]!.push(r);
        for (const j of nz) gram[i]![j]! += w * row[i]! * row[j]!;
      }
    });
    const dimension = invariantSpaceDimension(t, gram, opts);
    const found: Invariant[] = [];
    const foundCols: number[][] = [];
    const span = new Span(m);
    let budget = opts.maxCandidates;
    for (let size = 2; size <= opts.maxSize && found.length < dimension; size++) {
      if (size > m || choose(m, size) > budget) break;
      for (const cols of combinations(m, size)) {
        if (found.length >= dimension) break;
        budget--;
        if (foundCols.some((f) => f.every((c) => cols.includes(c)))) continue;
        const g = new Matrix(cols.map((i) => cols.map((j) => gram[i]![j]!)));
        const eig = new EigenvalueDecomposition(g, { assumeSymmetric: true });
        const values = eig.realEigenvalues;
        let low = 0;
        for (let i = 1; i < values.length; i++) if (values[i]! < values[low]!) low = i;
        const v = eig.eigenvectorMatrix.getColumn(low);
        const evidenceRows = new Set<number>();
        for (const c of cols) for (const r of present[c]!) evidenceRows.add(r);
        let evidence = 0;
        for (const r of evidenceRows) evidence += t.weights[r]!;
        if (evidence < opts.minEvidence) continue;
        for (const coefficients of integerCandidates(v, opts.maxCoefficient)) {
          let satisfied = 0;
          for (const r of evidenceRows) {
            const row = t.rows[r]!;
            let s = 0;
            cols.forEach((c, i) => (s += coefficients[i]! * row[c]!));
            if (Math.abs(s) < opts.epsilon) satisfied += t.weights[r]!;
          }
          const support = (t.total - evidence + satisfied) / t.total;
          if (support < opts.minSupport) continue;
          if (span.add(cols, coefficients)) {
            found.push({ keys: cols.map((c) => t.keys[c]!), coefficients, support, evidence });
            foundCols.push(cols);
          }
          break;
        }
      }
    }
    return new InvariantsModel(found, t.total, opts, dimension);
  }

  /** The invariants a session breaks, given the count of each key in it. */
  check(counts: (key: string) => number): Violation[] {
    const out: Violation[] = [];
    for (const inv of this.invariants) {
      const c = inv.keys.map(counts);
      let residual = 0;
      c.forEach((x, i) => (residual += inv.coefficients[i]! * x));
      if (residual !== 0) out.push({ invariant: inv, counts: c, residual });
    }
    return out;
  }

  /** The invariants a session (its sequence of keys) breaks. */
  checkSequence(keys: readonly LogKey[]): Violation[] {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const k = String(key);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return this.check((k) => counts.get(k) ?? 0);
  }

  /** Serialised form (`invariants.json`). */
  toJSON(): InvariantsJson {
    return { version: 1, sessions: this.sessions, options: this.options, invariants: [...this.invariants], dimension: this.dimension };
  }

  /** Reads a serialised model; throws a clear error on a malformed one. */
  static fromJSON(text: string): InvariantsModel {
    const j = JSON.parse(text) as Partial<InvariantsJson>;
    if (j.version !== 1 || !Array.isArray(j.invariants) || typeof j.sessions !== 'number') {
      throw new Error('invariants.json: not an invariants model (version 1 with "sessions" and "invariants")');
    }
    for (const inv of j.invariants) {
      if (!Array.isArray(inv.keys) || !Array.isArray(inv.coefficients) || inv.keys.length !== inv.coefficients.length || inv.keys.length < 2) {
        throw new Error('invariants.json: an invariant needs as many keys as integer coefficients (at least 2)');
      }
      if (!inv.coefficients.every((c) => Number.isInteger(c) && c !== 0)) throw new Error('invariants.json: coefficients must be non-zero integers');
    }
    return new InvariantsModel(j.invariants, j.sessions, { ...INVARIANTS_DEFAULTS, ...(j.options ?? {}) }, typeof j.dimension === 'number' ? j.dimension : j.invariants.length);
  }
}

/**
 * A violation as a person reads it, with `name` turning a key into its text, e.g.
 * `count("Receiving block <*>") = count("Received block <*>") held in 4,855 of 4,855 training
 * sessions; here 3 and 2`.
 */
export function describeViolation(v: Violation, name: (key: string) => string, sessions: number): string {
  const inv = v.invariant;
  const left: string[] = [];
  const right: string[] = [];
  inv.keys.forEach((k, i) => {
    const c = inv.coefficients[i]!;
    const term = `${Math.abs(c) === 1 ? '' : `${Math.abs(c)}×`}count("${name(k)}")`;
    (c > 0 ? left : right).push(term);
  });
  const held = Math.round(inv.support * sessions);
  const relation = right.length > 0 ? `${left.join(' + ')} = ${right.join(' + ')}` : `${left.join(' + ')} = 0`;
  return `${relation} held in ${held.toLocaleString('en-US')} of ${sessions.toLocaleString('en-US')} training sessions; here ${v.counts.join(' and ')}`;
}
