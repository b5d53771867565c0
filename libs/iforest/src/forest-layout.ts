import { IsolationForestError } from './errors';
import { averagePathLength } from './path-length';
import type { CompactTree } from './tree-builder';
import { WasmForestKernel, wasmKernelAvailable } from './wasm-kernel';

/** Fewest rows for which scoring goes through the WebAssembly kernel. */
const WASM_MIN_ROWS = 1;

/**
 * The forest in flat typed arrays for fast scoring. Every tree is padded to a complete
 * binary tree of depth `depth` in heap order (children of node i: 2i+1, 2i+2): a leaf
 * reached above the bottom becomes a chain of "always left" nodes (feature 0, threshold
 * +∞) ending in a bottom slot, so scoring one row in one tree is exactly `depth`
 * branch-free steps. Bottom slots hold the leaf's path length h = depth(leaf) + c(n).
 */
export class ForestLayout {
  /** Number of internal slots per tree: 2^depth − 1. */
  readonly internalPerTree: number;
  /** Number of bottom (leaf) slots per tree: 2^depth. */
  readonly leavesPerTree: number;
  /** Split feature per internal slot, `nTrees × internalPerTree`. */
  readonly feature: Int32Array;
  /** Split threshold per internal slot, `nTrees × internalPerTree`. */
  readonly threshold: Float64Array;
  /** Path length per bottom slot, `nTrees × leavesPerTree`. */
  readonly pathLength: Float64Array;

  /** Builds the padded layout of `trees`, each at most `depth` deep. */
  constructor(
    readonly trees: readonly CompactTree[],
    readonly depth: number,
  ) {
    this.internalPerTree = 2 ** depth - 1;
    this.leavesPerTree = 2 ** depth;
    const nTrees = trees.length;
    this.feature = new Int32Array(nTrees * this.internalPerTree);
    this.threshold = new Float64Array(nTrees * this.internalPerTree).fill(Infinity);
    this.pathLength = new Float64Array(nTrees * this.leavesPerTree);
    trees.forEach((tree, t) => this.place(tree, t));
  }

  private place(tree: CompactTree, t: number): void {
    const iBase = t * this.internalPerTree;
    const lBase = t * this.leavesPerTree;
    let pos = 0;
    const visit = (slot: number, d: number): void => {
      if (pos >= tree.feature.length) {
        throw new IsolationForestError('INVALID_MODEL', `tree ${t} is truncated`);
      }
      const f = tree.feature[pos];
      const v = tree.value[pos];
      pos++;
      if (f < 0) {
        if (!Number.isInteger(v) || v < 0) {
          throw new IsolationForestError('INVALID_MODEL', `tree ${t} has a leaf with bad sample count ${v}`);
        }
        // Padding: keep going left (feature 0, threshold +∞, preset) down to the bottom.
        let s = slot;
        for (let dd = d; dd < this.depth; dd++) s = 2 * s + 1;
        this.pathLength[lBase + s - this.internalPerTree] = d + averagePathLength(v);
        return;
      }
      if (d >= this.depth) {
        throw new IsolationForestError('INVALID_MODEL', `tree ${t} is deeper than ${this.depth}`);
      }
      if (!Number.isFinite(v)) {
        throw new IsolationForestError('INVALID_MODEL', `tree ${t} has a non-finite threshold`);
      }
      this.feature[iBase + slot] = f;
      this.threshold[iBase + slot] = v;
      visit(2 * slot + 1, d + 1);
      visit(2 * slot + 2, d + 1);
    };
    visit(0, 0);
    if (pos !== tree.feature.length) {
      throw new IsolationForestError('INVALID_MODEL', `tree ${t} has ${tree.feature.length - pos} extra nodes`);
    }
  }

  private kernel: WasmForestKernel | null | undefined;

  /**
   * Adds each row's path length summed over all trees to `out[row]` (rows of the flat
   * row-major `data` with `nCols` columns), through the WebAssembly kernel when the
   * runtime has it and there are enough rows, else {@link sumPathLengthsJs}. Both give
   * bit-identical sums (same additions in the same order).
   */
  sumPathLengths(data: Float64Array, nRows: number, nCols: number, out: Float64Array): void {
    if (nRows >= WASM_MIN_ROWS && nCols > 0) {
      if (this.kernel === undefined) {
        this.kernel = wasmKernelAvailable()
          ? new WasmForestKernel({ feature: this.feature, threshold: this.threshold, pathLength: this.pathLength, depth: this.depth }, this.trees.length)
          : null;
      }
      if (this.kernel !== null) {
        this.kernel.sumPathLengths(data, nRows, nCols, out);
        return;
      }
    }
    this.sumPathLengthsJs(data, nRows, nCols, out);
  }

  /**
   * The JavaScript kernel (reference and fallback). Eight rows walk each tree together so
   * the CPU overlaps their independent load chains.
   */
  sumPathLengthsJs(data: Float64Array, nRows: number, nCols: number, out: Float64Array): void {
    const nTrees = this.trees.length;
    const depth = this.depth;
    const nInt = this.internalPerTree;
    const nLeaf = this.leavesPerTree;
    const feat = this.feature;
    const thr = this.threshold;
    const leaf = this.pathLength;
    let r = 0;
    // Eight rows walk the trees together, written out by hand on purpose (deliberate kernel
    // unrolling, issue 19): eight independent loads in flight per tree level, in locals V8
    // keeps in registers. The tail below scores the rest one by one.
    for (; r + 8 <= nRows; r += 8) {
      const a0 = r * nCols;
      const a1 = a0 + nCols;
      const a2 = a1 + nCols;
      const a3 = a2 + nCols;
      const a4 = a3 + nCols;
      const a5 = a4 + nCols;
      const a6 = a5 + nCols;
      const a7 = a6 + nCols;
      let q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0; // prettier-ignore
      for (let t = 0; t < nTrees; t++) {
        const b = t * nInt;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0; // prettier-ignore
        for (let d = 0; d < depth; d++) {
          // (x > threshold) | 0 compiles branch-free; a branch here mispredicts half the time.
          let k = b + s0;
          s0 = 2 * s0 + 1 + ((data[a0 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s1;
          s1 = 2 * s1 + 1 + ((data[a1 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s2;
          s2 = 2 * s2 + 1 + ((data[a2 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s3;
          s3 = 2 * s3 + 1 + ((data[a3 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s4;
          s4 = 2 * s4 + 1 + ((data[a4 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s5;
          s5 = 2 * s5 + 1 + ((data[a5 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s6;
          s6 = 2 * s6 + 1 + ((data[a6 + feat[k]] > thr[k]) as unknown as number | 0);
          k = b + s7;
          s7 = 2 * s7 + 1 + ((data[a7 + feat[k]] > thr[k]) as unknown as number | 0);
        }
        const lb = t * nLeaf - nInt;
        q0 += leaf[lb + s0];
        q1 += leaf[lb + s1];
        q2 += leaf[lb + s2];
        q3 += leaf[lb + s3];
        q4 += leaf[lb + s4];
        q5 += leaf[lb + s5];
        q6 += leaf[lb + s6];
        q7 += leaf[lb + s7];
      }
      out[r] += q0;
      out[r + 1] += q1;
      out[r + 2] += q2;
      out[r + 3] += q3;
      out[r + 4] += q4;
      out[r + 5] += q5;
      out[r + 6] += q6;
      out[r + 7] += q7;
    }
    for (; r < nRows; r++) {
      const a = r * nCols;
      let q = 0;
      for (let t = 0; t < nTrees; t++) {
        const b = t * nInt;
        let s = 0;
        for (let d = 0; d < depth; d++) {
          const k = b + s;
          s = 2 * s + 1 + ((data[a + feat[k]] > thr[k]) as unknown as number | 0);
        }
        q += leaf[t * nLeaf - nInt + s];
      }
      out[r] += q;
    }
  }
}
