/**
 * The parameter value vector of a log record (DeepLog §3.2): the numeric parameters at the
 * variable positions of its template, plus the time elapsed since the previous record of
 * its session, each log-scaled and normalised with the training mean and standard deviation.
 */

/** One record as the parameter-value model sees it, in arrival order. */
export interface ValueRecord {
  /** Log key (template id). */
  key: string;
  /** Parameters at the template's variable positions, left to right (Drain's `params`). */
  params: readonly string[];
  /** Milliseconds since the previous record of the same session (undefined: first record, or no timestamps; a negative value — timestamps out of order — counts as missing). */
  elapsedMs: number | undefined;
}

/** One component of a key's vector: a template parameter (1-based position) or the elapsed time. */
export type ValueDim = { kind: 'param'; position: number } | { kind: 'elapsed' };

/** A number with an optional unit (`97ms`, `90 ms`, `47.09`, `-3`); ids and exponent-looking hex are not numbers. */
const NUMBER_WITH_UNIT = /^([-+]?\d+(?:\.\d+)?)\s?([A-Za-zµ%]{1,4})?$/;

/** The numeric value of a parameter, or undefined (not a quantity: words, ids, digit strings longer than 15 characters). */
export function parseQuantity(param: string): number | undefined {
  if (param.length > 24) return undefined;
  const m = NUMBER_WITH_UNIT.exec(param.trim());
  if (!m) return undefined;
  if (m[1]!.replace(/[-+.]/g, '').length > 15) return undefined;
  const v = Number(m[1]);
  return Number.isFinite(v) ? v : undefined;
}

/** How a component is scaled before normalisation: `log` = sign(x)·ln(1 + |x|), `linear` = as it is. */
export type ValueScale = 'log' | 'linear';

/**
 * The log scale: sign(x)·ln(1 + |x|). Durations, sizes and amounts are often heavy-tailed (a
 * log-normal latency's normal spread reaches many standard deviations on the linear scale);
 * on the log scale a 100× outlier is still far out.
 */
export function scaleValue(x: number, scale: ValueScale = 'log'): number {
  return scale === 'linear' ? x : Math.sign(x) * Math.log1p(Math.abs(x));
}

/** Inverse of {@link scaleValue}. */
export function unscaleValue(y: number, scale: ValueScale = 'log'): number {
  return scale === 'linear' ? y : Math.sign(y) * Math.expm1(Math.abs(y));
}

/** Share of a key's records whose parameter must read as a number for the position to be a dimension. */
export const NUMERIC_SHARE = 0.95;

/**
 * The dimensions of a key's vector from its training records: every parameter position that
 * reads as a number in ≥ {@link NUMERIC_SHARE} of the records and takes more than one value
 * (a constant carries no distribution to model), then the elapsed time when it is known for
 * that share of the records after the first of a session and varies.
 */
export function chooseDims(records: readonly ValueRecord[]): { dims: ValueDim[]; paramCount: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.params.length, (counts.get(r.params.length) ?? 0) + 1);
  const paramCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const same = records.filter((r) => r.params.length === paramCount);
  const dims: ValueDim[] = [];
  for (let p = 0; p < paramCount; p++) {
    let numeric = 0;
    let first: number | undefined;
    let varies = false;
    for (const r of same) {
      const v = parseQuantity(r.params[p]!);
      if (v === undefined) continue;
      numeric++;
      if (first === undefined) first = v;
      else if (v !== first) varies = true;
    }
    if (same.length > 0 && numeric >= NUMERIC_SHARE * same.length && varies) dims.push({ kind: 'param', position: p + 1 });
  }
  const timed = records.filter((r) => r.elapsedMs !== undefined && r.elapsedMs >= 0);
  if (timed.length > 0 && timed.length >= 0.5 * records.length && timed.some((r) => r.elapsedMs !== timed[0]!.elapsedMs)) dims.push({ kind: 'elapsed' });
  return { dims, paramCount };
}

/** The raw (unscaled) values of a record's dimensions; NaN = missing (not a number, another parameter count, no elapsed time). */
export function rawVector(dims: readonly ValueDim[], paramCount: number, r: { params: readonly string[]; elapsedMs: number | undefined }): Float64Array {
  const out = new Float64Array(dims.length);
  dims.forEach((d, i) => {
    // time running backwards (clock skew, records logged out of order) is no duration: missing
    if (d.kind === 'elapsed') out[i] = r.elapsedMs !== undefined && r.elapsedMs >= 0 ? r.elapsedMs : NaN;
    else out[i] = r.params.length === paramCount ? (parseQuantity(r.params[d.position - 1]!) ?? NaN) : NaN;
  });
  return out;
}

/** Mean, standard deviation and skewness of the present (non-NaN) values of component `d` on a scale. */
function moments(raw: readonly Float64Array[], d: number, scale: ValueScale): { mean: number; std: number; skew: number } {
  let n = 0, s = 0;
  for (const v of raw) if (!Number.isNaN(v[d]!)) {
    n++;
    s += scaleValue(v[d]!, scale);
  }
  const mean = n > 0 ? s / n : 0;
  let m2 = 0, m3 = 0;
  for (const v of raw) if (!Number.isNaN(v[d]!)) {
    const e = scaleValue(v[d]!, scale) - mean;
    m2 += e * e;
    m3 += e * e * e;
  }
  const std = n > 1 ? Math.sqrt(m2 / n) : 0;
  return { mean, std, skew: std > 1e-12 ? m3 / n / std ** 3 : 0 };
}

/**
 * Per component: the scale on which its training values are least skewed (|skewness| of the
 * log-scaled vs the raw values — a Gaussian of the errors fits a symmetric distribution: a
 * log-normal latency is symmetric on the log scale, a uniform count on the linear one), and
 * the mean and standard deviation on that scale (NaN skipped; a standard deviation of 0 becomes 1).
 */
export function fitNormalisation(raw: readonly Float64Array[], width: number): { mean: number[]; std: number[]; scale: ValueScale[] } {
  const mean: number[] = [];
  const std: number[] = [];
  const scale: ValueScale[] = [];
  for (let d = 0; d < width; d++) {
    const log = moments(raw, d, 'log');
    const lin = moments(raw, d, 'linear');
    const pick = Math.abs(lin.skew) < Math.abs(log.skew) ? lin : log;
    scale.push(pick === lin ? 'linear' : 'log');
    mean.push(pick.mean);
    std.push(pick.std > 1e-6 * Math.max(1, Math.abs(pick.mean)) ? pick.std : 1);
  }
  return { mean, std, scale };
}

/** How a key's components are normalised. */
export interface Normalisation {
  /** Mean per component, on its scale. */
  mean: readonly number[];
  /** Standard deviation per component, on its scale. */
  std: readonly number[];
  /** Per component (absent = all `log`, the first format). */
  scale?: readonly ValueScale[] | undefined;
}

/** Normalised vector: (scale(x) − mean) / std; missing stays NaN. */
export function normalise(raw: Float64Array, norm: Normalisation, out = new Float32Array(raw.length)): Float32Array {
  for (let d = 0; d < raw.length; d++) {
    const x = raw[d]!;
    out[d] = Number.isNaN(x) ? NaN : (scaleValue(x, norm.scale?.[d]) - norm.mean[d]!) / norm.std[d]!;
  }
  return out;
}

/** A value back from the normalised scale. */
export function denormalise(y: number, d: number, norm: Normalisation): number {
  return unscaleValue(y * norm.std[d]! + norm.mean[d]!, norm.scale?.[d]);
}

/**
 * The input window for the next vector: the last `window` vectors of the key, oldest first,
 * start-padded with zeros (the training mean); a missing component reads as 0 too.
 */
export function valueWindow(history: readonly Float32Array[], window: number, width: number, out = new Float32Array(window * width), off = 0): Float32Array {
  out.fill(0, off, off + window * width);
  const n = Math.min(history.length, window);
  for (let i = 0; i < n; i++) {
    const v = history[history.length - n + i]!;
    const base = off + (window - n + i) * width;
    for (let d = 0; d < width; d++) {
      const x = v[d]!;
      out[base + d] = Number.isNaN(x) ? 0 : x;
    }
  }
  return out;
}
