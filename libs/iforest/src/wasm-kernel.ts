/**
 * The scoring kernel as a tiny WebAssembly module, assembled here byte by byte (no
 * toolchain, no binary blob): the same padded-tree walk as ForestLayout's JavaScript loop,
 * four rows at a time, without JavaScript's bounds checks. Pure computation; used when the
 * runtime has WebAssembly, with the JavaScript loop as the fallback and the reference the
 * tests compare it against.
 */

import { WASM_HEADER, name, section, sleb, uleb, vec, wasmApi, type WasmApi } from '@log-sentinel/wasm-asm';

/** Exports of the kernel module. */
interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  score: (...args: number[]) => void;
}

/** Rows walked together by the kernel (independent load chains the CPU overlaps). */
export const KERNEL_ROWS = 8;

const I32 = 0x7f;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  i32Const: 0x41,
  i32Load: 0x28,
  tee: 0x22,
  f64Load: 0x2b,
  f64Store: 0x39,
  i32GeU: 0x4f,
  f64Gt: 0x64,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f64Add: 0xa0,
} as const;
const VOID = 0x40;


/**
 * Builds the module for trees of one depth. Export `score(data, nRows, nCols, nodes, leaf,
 * nTrees, nInt, nLeaf, out)` (byte offsets into the exported memory; nRows a multiple of
 * KERNEL_ROWS; nodes = 16-byte records {f64 threshold, i32 8 × feature, pad} per internal
 * slot) adds each row's path length summed over the trees to out.
 */
function buildModule(depth: number, nCols: number): Uint8Array {
  const K = KERNEL_ROWS;
  // Parameters.
  // Parameter 2 (nCols) is unused: the module is specialised for one nCols.
  const [pData, pRows, pNodes, pLeaf, pTrees, pInt, pLeafN, pOut] = [0, 1, 3, 4, 5, 6, 7, 8];
  // i32 locals.
  let next = 9;
  const r = next++;
  const t = next++;
  const fb = next++;
  const lb = next++;
  const tmp = next++;
  const a0 = next++;
  const s = Array.from({ length: K }, () => next++);
  const nI32 = next - 9;
  const code: number[] = [];
  /** Appends instructions: opcodes/immediates as numbers, or encoded pieces as arrays. */
  const emit = (...parts: (number | number[])[]): void => {
    for (const p of parts) {
      if (typeof p === 'number') code.push(p);
      else code.push(...p);
    }
  };
  const get = (i: number): number[] => [op.get, ...uleb(i)];
  const set = (i: number): number[] => [op.set, ...uleb(i)];
  const i32 = (v: number): number[] => [op.i32Const, ...sleb(v)];
  const loopStart = [op.block, VOID, op.loop, VOID];
  const loopEnd = [op.br, 0, op.end, op.end];
  /** `if (a >= b) break` inside a block+loop pair. */
  const breakIfGe = (x: number, y: number): number[] => [...get(x), ...get(y), op.i32GeU, op.brIf, 1];
  const incr = (x: number, by: number[]): number[] => [...get(x), ...by, op.i32Add, ...set(x)];

  // Trees outer, rows inner: one tree's nodes stay in L1 while the chunk of rows walks it.
  emit(get(pNodes), set(fb));
  emit(get(pLeaf), get(pInt), i32(3), op.i32Shl, op.i32Sub, set(lb));
  emit(i32(0), set(t), loopStart, breakIfGe(t, pTrees));
  emit(i32(0), set(r), get(pData), set(a0), loopStart, breakIfGe(r, pRows));
  for (let k = 0; k < K; k++) emit(i32(0), set(s[k]));
  // The walk, unrolled over the depth. s holds 16 × slot (a byte offset into the node
  // records {f64 threshold, i32 8 × feature, pad}): child = 2s + 16 + 16 × (x > threshold).
  for (let level = 0; level < depth; level++) {
    for (let k = 0; k < K; k++) {
      emit(get(s[k]), i32(1), op.i32Shl, i32(16), op.i32Add);
      // row k of the group is at a0 + k·nCols·8: a constant offset, since the module is built per nCols.
      emit(get(a0), get(fb), get(s[k]), op.i32Add, op.tee, uleb(tmp), op.i32Load, 2, 8, op.i32Add);
      emit(op.f64Load, 3, uleb(k * nCols * 8));
      emit(get(tmp), op.f64Load, 3, 0, op.f64Gt, i32(4), op.i32Shl, op.i32Add, set(s[k]));
    }
  }
  // out[r + k] += path length of the leaf reached (leaf slot s/16 − nInt, 8 bytes each)
  emit(get(pOut), get(r), i32(3), op.i32Shl, op.i32Add, set(tmp));
  for (let k = 0; k < K; k++) {
    emit(get(tmp), get(tmp), op.f64Load, 3, uleb(8 * k));
    emit(get(lb), get(s[k]), i32(1), op.i32ShrU, op.i32Add, op.f64Load, 3, 0, op.f64Add);
    emit(op.f64Store, 3, uleb(8 * k));
  }
  emit(incr(r, i32(K)), get(a0), i32(K * nCols * 8), op.i32Add, set(a0), loopEnd);
  emit(get(fb), get(pInt), i32(4), op.i32Shl, op.i32Add, set(fb));
  emit(get(lb), get(pLeafN), i32(3), op.i32Shl, op.i32Add, set(lb));
  emit(incr(t, i32(1)), loopEnd, op.end);

  const locals = vec([[...uleb(nI32), I32]]);
  const body = [...locals, ...code];
  const funcType = [0x60, ...vec(Array.from({ length: 9 }, () => [I32])), ...vec([])];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, vec([funcType])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('score'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]); // prettier-ignore
}

/** Compiled modules by "depth:nCols"; null when WebAssembly is unavailable or failed. */
const compiled = new Map<string, object | null>();

/** The kernel module for trees of `depth` and rows of `nCols` (compiled once), or null without WebAssembly. */
function kernelModule(depth: number, nCols: number): object | null {
  const key = `${depth}:${nCols}`;
  let mod = compiled.get(key);
  if (mod === undefined) {
    const api = wasmApi();
    try {
      mod = api ? new api.Module(buildModule(depth, nCols)) : null;
    } catch {
      mod = null;
    }
    compiled.set(key, mod);
  }
  return mod;
}

/** Whether the WebAssembly kernel can run here for trees of `depth` and rows of `nCols`. */
export function wasmKernelAvailable(depth: number, nCols: number): boolean {
  return kernelModule(depth, nCols) !== null;
}

const PAGE = 65536;

/** One forest's trees copied into a kernel instance's memory, ready to score rows. */
export class WasmForestKernel {
  private readonly exports: KernelExports;
  private readonly nodesOff = 0;
  private readonly leafOff: number;
  private readonly scratchOff: number;

  /** Copies the padded tree arrays into a fresh instance. Call only when {@link wasmKernelAvailable}(depth, nCols). */
  constructor(
    feature: Int32Array,
    threshold: Float64Array,
    pathLength: Float64Array,
    private readonly nTrees: number,
    depth: number,
    private readonly nInt: number,
    private readonly nLeaf: number,
    /** Columns per row this kernel was built for. */
    readonly nCols: number,
  ) {
    const api = wasmApi() as WasmApi;
    this.exports = new api.Instance(kernelModule(depth, nCols) as object, {}).exports as unknown as KernelExports;
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
    if (nCols !== this.nCols) throw new RangeError(`kernel built for ${this.nCols} columns, got ${nCols}`);
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
      this.exports.score(dataOff, padded, nCols, this.nodesOff, this.leafOff, this.nTrees, this.nInt, this.nLeaf, outOff);
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
