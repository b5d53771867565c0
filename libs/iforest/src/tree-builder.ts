import type { Xoshiro128 } from './random';

/**
 * One isolation tree in pre-order: `feature[i] = -1` marks a leaf whose `value[i]` is the
 * number of training samples that reached it; otherwise `value[i]` is the split threshold
 * (x[feature] ≤ threshold goes left) and the left subtree follows immediately.
 */
export interface CompactTree {
  /** Split feature per node, -1 for a leaf. */
  feature: Int32Array;
  /** Split threshold per internal node; sample count per leaf. */
  value: Float64Array;
}

/**
 * Grows one isolation tree on the rows `samples` of the flat matrix `data`, as
 * scikit-learn's ExtraTreeRegressor(max_features=1, splitter='random') does inside
 * IsolationForest: a node becomes a leaf when it holds fewer than 2 samples or reaches
 * `maxDepth`; otherwise a feature is drawn uniformly among those not yet found constant
 * in the node (a constant feature is set aside and another one drawn; when all are
 * constant the node is a leaf) and the threshold uniformly in [min, max) of the node's
 * values of that feature. `samples` is reordered in place.
 */
export function growTree(
  data: Float64Array,
  nCols: number,
  samples: Int32Array,
  maxDepth: number,
  rng: Xoshiro128,
): CompactTree {
  const feature: number[] = [];
  const value: number[] = [];
  const candidates = new Int32Array(nCols);
  for (let c = 0; c < nCols; c++) candidates[c] = c;

  const grow = (start: number, end: number, depth: number, nCandidates: number): void => {
    const n = end - start;
    if (n < 2 || depth >= maxDepth) {
      feature.push(-1);
      value.push(n);
      return;
    }
    let k = nCandidates;
    let f = -1;
    let lo = 0;
    let hi = 0;
    while (k > 0) {
      const j = rng.nextInt(k);
      const cand = candidates[j];
      lo = Infinity;
      hi = -Infinity;
      for (let s = start; s < end; s++) {
        const v = data[samples[s] * nCols + cand];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi > lo) {
        f = cand;
        break;
      }
      // Constant in this node (and so in every descendant): set it aside.
      candidates[j] = candidates[k - 1];
      candidates[k - 1] = cand;
      k--;
    }
    if (f < 0) {
      feature.push(-1);
      value.push(n);
      return;
    }
    let threshold = lo + rng.nextDouble() * (hi - lo);
    if (threshold >= hi) threshold = lo;
    // Partition: x ≤ threshold to the left.
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (data[samples[i] * nCols + f] <= threshold) {
        i++;
      } else {
        const tmp = samples[i];
        samples[i] = samples[j];
        samples[j] = tmp;
        j--;
      }
    }
    feature.push(f);
    value.push(threshold);
    grow(start, i, depth + 1, k);
    grow(i, end, depth + 1, k);
  };

  grow(0, samples.length, 0, nCols);
  return { feature: Int32Array.from(feature), value: Float64Array.from(value) };
}
