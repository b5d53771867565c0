/** Rank-and-probability helpers shared by the TypeScript and the ONNX inference paths. */

/** 1-based rank of `actual` in the probability row at `off` (1 = most probable; ties rank high). */
export function rankOf(probs: ArrayLike<number>, off: number, size: number, actual: number): number {
  const pa = probs[off + actual]!;
  let rank = 1;
  for (let v = 0; v < size; v++) if (v !== actual && probs[off + v]! > pa) rank++;
  return rank;
}

/** Indices of the `g` most probable entries of the row at `off`, most probable first, skipping `exclude`. */
export function topIndices(probs: ArrayLike<number>, off: number, size: number, g: number, exclude = -1): number[] {
  const idx: number[] = [];
  for (let v = 0; v < size; v++) if (v !== exclude) idx.push(v);
  idx.sort((a, b) => probs[off + b]! - probs[off + a]! || a - b);
  return idx.slice(0, g);
}
