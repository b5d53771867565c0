/**
 * Rank-and-probability helpers of the DeepLog decision rule, shared by training-time
 * validation, the keys CLI and the detector pipeline (one implementation for every path).
 */

/** 1-based rank of `actual` in the probability row at `off` (1 = most probable; ties rank high). */
export function rankOf(probs: ArrayLike<number>, off: number, size: number, actual: number): number {
  const pa = probs[off + actual]!;
  let rank = 1;
  for (let v = 0; v < size; v++) if (v !== actual && probs[off + v]! > pa) rank++;
  return rank;
}

/** Probability mass of the entries ranked above `actual` in the row at `off` (0..1). */
export function massAbove(probs: ArrayLike<number>, off: number, size: number, actual: number): number {
  const pa = probs[off + actual]!;
  let above = 0;
  for (let v = 0; v < size; v++) if (probs[off + v]! > pa) above += probs[off + v]!;
  return Math.min(1, above);
}

/**
 * Indices of the `g` most probable entries of the row at `off`, most probable first (ties:
 * lower index first), skipping `exclude`. A partial insertion selection: O(size × g).
 */
export function topIndices(probs: ArrayLike<number>, off: number, size: number, g: number, exclude = -1): number[] {
  const n = Math.max(0, Math.min(g, size - (exclude >= 0 && exclude < size ? 1 : 0)));
  if (n === 0) return [];
  const top: number[] = [];
  const val: number[] = [];
  for (let v = 0; v < size; v++) {
    if (v === exclude) continue;
    const p = probs[off + v]!;
    if (top.length === n && p <= val[n - 1]!) continue;
    let j = top.length < n ? top.length : n - 1;
    if (top.length < n) {
      top.push(v);
      val.push(p);
    }
    while (j > 0 && val[j - 1]! < p) {
      val[j] = val[j - 1]!;
      top[j] = top[j - 1]!;
      j--;
    }
    val[j] = p;
    top[j] = v;
  }
  return top;
}
