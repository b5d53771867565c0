/**
 * The scoring kernel: the WebAssembly module written in `wasm/forest-score.wat`, compiled
 * at build time — the same padded-tree walk as ForestLayout's JavaScript loop, eight rows
 * at a time, without JavaScript's bounds checks. Pure computation; used when the runtime
 * has WebAssembly, with the JavaScript loop as the fallback and the reference the tests
 * compare it against.
 */

import * as path from 'node:path';
import { compileWasmFile, wasmApi, type WasmApi } from '@log-sentinel/wasm-module';

/** Exports of the kernel module. */
interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  /** out[r] += Σ over the trees of row r's path length (byte offsets into memory; nRows a multiple of KERNEL_ROWS). */
  score(data: number, nRows: number, nCols: number, nodes: number, leaf: number, nTrees: number, nInt: number, nLeaf: number, out: number, depth: number): void;
}

/** Rows walked together by the kernel (independent load chains the CPU overlaps). */
export const KERNEL_ROWS = 8;

/** Shallowest trees the kernel walks (its last seven levels are straight code): shallower ones are padded to it. */
export const KERNEL_MIN_DEPTH = 8;

/** Padded tree arrays (the layout of ForestLayout) of `nTrees` trees of one depth. */
interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  pathLength: Float64Array;
  depth: number;
}

/**
 * The same trees one level deeper or more: every bottom slot becomes an always-left chain
 * (threshold +∞) down to `depth`, whose leftmost leaf holds its path length. Scores are
 * unchanged bit for bit (the same leaf value is added).
 */
function deepen(t: TreeArrays, nTrees: number, depth: number): TreeArrays {
  const [oldInt, oldLeaf, nInt, nLeaf] = [2 ** t.depth - 1, 2 ** t.depth, 2 ** depth - 1, 2 ** depth];
  const feature = new Int32Array(nTrees * nInt);
  const threshold = new Float64Array(nTrees * nInt).fill(Infinity);
  const pathLength = new Float64Array(nTrees * nLeaf);
  const spread = 2 ** (depth - t.depth); // bottom slot j of the old tree → leftmost leaf j × spread
  for (let tree = 0; tree < nTrees; tree++) {
    // heap order: the old internal slots keep their numbers in the deeper tree
    feature.set(t.feature.subarray(tree * oldInt, (tree + 1) * oldInt), tree * nInt);
    threshold.set(t.threshold.subarray(tree * oldInt, (tree + 1) * oldInt), tree * nInt);
    for (let j = 0; j < oldLeaf; j++) pathLength[tree * nLeaf + j * spread] = t.pathLength[tree * oldLeaf + j];
  }
  return { feature, threshold, pathLength, depth };
}

/** The kernel's binary, compiled from `wasm/forest-score.wat` at build time (same path from src/ and dist/). */
const KERNEL_FILE = path.join(__dirname, '..', 'wasm', 'forest-score.wasm');

/** The compiled module; null when WebAssembly is unavailable or refused it. */
let compiled: object | null | undefined;

/** The kernel module (compiled once), or null without WebAssembly. */
function kernelModule(): object | null {
  if (compiled === undefined) compiled = compileWasmFile(KERNEL_FILE);
  return compiled;
}

/** Whether the WebAssembly kernel can run here (one module serves every depth and row width). */
export function wasmKernelAvailable(): boolean {
  return kernelModule() !== null;
}

const PAGE = 65536;

/** One forest's trees copied into a kernel instance's memory, ready to score rows. */
export class WasmForestKernel {
  private readonly exports: KernelExports;
  private readonly nodesOff = 0;
  private readonly leafOff: number;
  private readonly scratchOff: number;

  private readonly depth: number;
  private readonly nInt: number;
  private readonly nLeaf: number;

  /** Copies the padded tree arrays (ForestLayout's, trees of `depth`) into a fresh instance. Call only when {@link wasmKernelAvailable}(). */
  constructor(trees: TreeArrays, private readonly nTrees: number) {
    const { feature, threshold, pathLength, depth } = trees.depth < KERNEL_MIN_DEPTH ? deepen(trees, nTrees, KERNEL_MIN_DEPTH) : trees;
    this.depth = depth;
    this.nInt = 2 ** depth - 1;
    this.nLeaf = 2 ** depth;
    const api = wasmApi() as WasmApi;
    this.exports = new api.Instance(kernelModule() as object, {}).exports as unknown as KernelExports;
    this.leafOff = this.nodesOff + feature.length * 16;
    this.scratchOff = this.leafOff + pathLength.byteLength;
    this.ensure(this.scratchOff);
    const buf = this.exports.memory.buffer;
    const thr = new Float64Array(buf, this.nodesOff, feature.length * 2);
    const feat = new Int32Array(buf, this.nodesOff, feature.length * 4);
    for (let i = 0; i < feature.length; i++) {
      thr[2 * i] = threshold[i];
      feat[4 * i + 2] = feature[i] * 8;
    }
    new Float64Array(buf, this.leafOff, pathLength.length).set(pathLength);
  }

  /** Adds each row's summed path length to out (same contract as ForestLayout.sumPathLengths). */
  sumPathLengths(data: Float64Array, nRows: number, nCols: number, out: Float64Array): void {
    const chunkRows = 128;
    for (let r0 = 0; r0 < nRows; r0 += chunkRows) {
      const rows = Math.min(chunkRows, nRows - r0);
      const padded = Math.ceil(rows / KERNEL_ROWS) * KERNEL_ROWS;
      const dataOff = this.scratchOff;
      const outOff = dataOff + padded * nCols * 8;
      this.ensure(outOff + padded * 8);
      const buf = this.exports.memory.buffer;
      const x = new Float64Array(buf, dataOff, padded * nCols);
      x.set(data.subarray(r0 * nCols, (r0 + rows) * nCols));
      x.fill(0, rows * nCols);
      new Float64Array(buf, outOff, padded).fill(0);
      this.exports.score(dataOff, padded, nCols, this.nodesOff, this.leafOff, this.nTrees, this.nInt, this.nLeaf, outOff, this.depth);
      const res = new Float64Array(buf, outOff, padded);
      for (let i = 0; i < rows; i++) out[r0 + i] += res[i];
    }
  }

  private ensure(bytes: number): void {
    const mem = this.exports.memory;
    const have = mem.buffer.byteLength;
    if (bytes > have) mem.grow(Math.ceil((bytes - have) / PAGE));
  }
}
