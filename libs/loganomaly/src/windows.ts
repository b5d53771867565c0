/**
 * LogAnomaly's input: for each step of a window of h keys, the semantic vector of the key's
 * template (the sequential pattern) followed by the counts of every known key in the window
 * so far, divided by h (the quantitative pattern; at the last step it is the window's count
 * vector). One LSTM reads the concatenation. Start-of-session padding is the zero vector.
 * Targets are the next key as a one-hot vector over the known keys + `<end>`.
 */

/** Index of the padding before a session's first key. */
export const PAD = -1;

/** Encodes windows of key indices into LSTM input vectors. */
export class WindowEncoder {
  /** Width of one step's vector (and of the network's output): dims + K. */
  readonly width: number;

  constructor(
    /** Semantic vectors of the K known keys, K × dims row-major. */
    private readonly keyVectors: Float32Array,
    /** Semantic dimensions. */
    readonly dims: number,
    /** Number of known keys K. */
    readonly keys: number,
    /** Window length h. */
    readonly window: number,
  ) {
    this.width = dims + keys;
  }

  /** Output classes: the K keys and `<end>` (index K). */
  get classes(): number {
    return this.keys + 1;
  }

  /** Writes the h step vectors of `keys[from .. from+h)` (PAD = zero step) at `out[off ..]`. */
  encode(keys: Int32Array, from: number, out: Float32Array, off: number): void {
    const { dims, width, window: h } = this;
    out.fill(0, off, off + h * width);
    for (let t = 0; t < h; t++) {
      const base = off + t * width;
      if (t > 0) out.copyWithin(base + dims, base - width + dims, base - width + width);
      const k = keys[from + t]!;
      if (k === PAD) continue;
      for (let d = 0; d < dims; d++) out[base + d] = this.keyVectors[k * dims + d]!;
      out[base + dims + k] += 1 / h;
    }
  }
}

/** A session as key indices with h PADs in front; positions 0..n are predicted (n = the end). */
export function paddedIndices(indices: readonly number[], window: number): Int32Array {
  const out = new Int32Array(window + indices.length).fill(PAD);
  out.set(indices, window);
  return out;
}

/** Distinct windows of many sessions, each (window, next) pair once with its multiplicity. */
export interface DistinctWindows {
  /** Window start offsets into `sources[source]`, as [source, from] pairs. */
  rows: { source: number; from: number }[];
  /** Target class per distinct row. */
  targets: number[];
  /** Multiplicity per distinct row. */
  counts: number[];
  /** Per session, per position (0..n): the distinct row. */
  rowOf: Int32Array[];
}

/** Collects the distinct (window, next class) pairs of padded sessions; `end` is the `<end>` class. */
export function distinctWindows(padded: readonly Int32Array[], window: number, end: number): DistinctWindows {
  const index = new Map<string, number>();
  const out: DistinctWindows = { rows: [], targets: [], counts: [], rowOf: [] };
  padded.forEach((p, s) => {
    const n = p.length - window;
    const rowOf = new Int32Array(n + 1);
    for (let pos = 0; pos <= n; pos++) {
      const target = pos < n ? p[window + pos]! : end;
      const id = `${p.subarray(pos, pos + window).join(',')}>${target}`;
      let row = index.get(id);
      if (row === undefined) {
        row = out.rows.length;
        index.set(id, row);
        out.rows.push({ source: s, from: pos });
        out.targets.push(target);
        out.counts.push(0);
      }
      out.counts[row]!++;
      rowOf[pos] = row;
    }
    out.rowOf.push(rowOf);
  });
  return out;
}

/** Encodes distinct rows as one input block (count × h × width). */
export function encodeRows(enc: WindowEncoder, padded: readonly Int32Array[], rows: DistinctWindows['rows']): Float32Array {
  const step = enc.window * enc.width;
  const inputs = new Float32Array(rows.length * step);
  rows.forEach((r, i) => enc.encode(padded[r.source]!, r.from, inputs, i * step));
  return inputs;
}
