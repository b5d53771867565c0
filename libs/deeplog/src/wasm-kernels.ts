/**
 * SIMD (f32x4) versions of the three matrix kernels, as a WebAssembly module assembled
 * here byte by byte (no toolchain, no binary blob). They work on Float32Array views of the
 * module's own memory (see {@link WasmArena}); `kernels.ts` dispatches to them when every
 * operand lives there and the widths are multiples of 4, and uses its JavaScript loops
 * otherwise (and as the reference the tests compare against).
 */

import { WASM_HEADER, name as str, section, sleb, uleb, vec, wasmApi, type WasmApi } from '@log-sentinel/wasm-asm';

/** Kernel signatures (all pointers are byte offsets into the module memory). */
export interface WasmKernelFns {
  /** C[r,:] += A[r,:]·B. */
  mmAcc(a: number, k: number, b: number, n: number, c: number, rows: number): void;
  /** C += Aᵀ·D over rows (rows a multiple of 4). */
  mmAtbAcc(a: number, k: number, d: number, n: number, c: number, rows: number): void;
  /** C = D·Bᵀ. */
  mmAbt(d: number, n: number, b: number, k: number, c: number, rows: number): void;
}

const I32 = 0x7f, V128 = 0x7b, VOID = 0x40;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21;
const I32_CONST = 0x41, I32_ADD = 0x6a, I32_MUL = 0x6c, I32_LT_U = 0x49;
const F32_LOAD = 0x2a, F32_STORE = 0x38, F32_ADD = 0x92, F32_CONST = 0x43;
const LOOP = 0x03, BR_IF = 0x0d, END = 0x0b;
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const V_LOAD = (): number[] => [...simd(0x00), 4, 0];
const V_STORE = (): number[] => [...simd(0x0b), 4, 0];
const F32X4_SPLAT = simd(0x13), F32X4_ADD = simd(0xe4), F32X4_MUL = simd(0xe6);
const F32X4_LANE = (l: number): number[] => [...simd(0x1f), l];


const get = (l: number): number[] => [LOCAL_GET, ...uleb(l)];
const set = (l: number): number[] => [LOCAL_SET, ...uleb(l)];
const i32c = (v: number): number[] => [I32_CONST, ...sleb(v)];
/** local[l] += v (i32). */
const addTo = (l: number, v: number[]): number[] => [...get(l), ...v, I32_ADD, ...set(l)];
/** `loop { body; if (local[i] < local[end]) continue }` (do-while). */
const doWhile = (i: number, end: number, body: number[]): number[] => [LOOP, VOID, ...body, ...get(i), ...get(end), I32_LT_U, BR_IF, 0, END];
const vload = (addr: number[]): number[] => [...addr, ...V_LOAD()];
const f32load = (addr: number[]): number[] => [...addr, F32_LOAD, 2, 0];
const sum = (...parts: number[][]): number[] => [...parts[0]!, ...parts.slice(1).flatMap((p) => [...p, I32_ADD])];

// Parameters 0..5; locals from 6.
function mmAccBody(): { locals: [number, number][]; code: number[] } {
  const [A, K, B, N, C, ROWS] = [0, 1, 2, 3, 4, 5];
  const [r, k, j, nb, ap, bp, cp, end, kb] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [a0, a1, a2, a3] = [15, 16, 17, 18];
  const code = [
    ...get(N), ...i32c(4), I32_MUL, ...set(nb),
    ...get(K), ...i32c(4), I32_MUL, ...set(kb),
    ...i32c(0), ...set(r),
    ...doWhile(r, ROWS, [
      ...get(A), ...get(r), ...get(kb), I32_MUL, I32_ADD, ...set(ap),
      ...get(C), ...get(r), ...get(nb), I32_MUL, I32_ADD, ...set(cp),
      ...get(B), ...set(bp),
      ...i32c(0), ...set(k),
      ...doWhile(k, K, [
        ...f32load(get(ap)), ...F32X4_SPLAT, ...set(a0),
        ...f32load([...get(ap), ...i32c(4), I32_ADD]), ...F32X4_SPLAT, ...set(a1),
        ...f32load([...get(ap), ...i32c(8), I32_ADD]), ...F32X4_SPLAT, ...set(a2),
        ...f32load([...get(ap), ...i32c(12), I32_ADD]), ...F32X4_SPLAT, ...set(a3),
        ...i32c(0), ...set(j),
        ...doWhile(j, nb, [
          ...get(cp), ...get(j), I32_ADD,
          ...vload(sum(get(cp), get(j))),
          ...get(a0), ...vload(sum(get(bp), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a1), ...vload(sum(get(bp), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a2), ...vload([...sum(get(bp), get(nb), get(nb), get(j))]), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a3), ...vload([...sum(get(bp), get(nb), get(nb), get(nb), get(j))]), ...F32X4_MUL, ...F32X4_ADD,
          ...V_STORE(),
          ...addTo(j, i32c(16)),
        ]),
        ...addTo(ap, i32c(16)),
        ...get(nb), ...i32c(4), I32_MUL, ...get(bp), I32_ADD, ...set(bp),
        ...addTo(k, i32c(4)),
      ]),
      ...addTo(r, i32c(1)),
    ]),
  ];
  void end;
  return { locals: [[9, I32], [4, V128]], code };
}

function mmAtbBody(): { locals: [number, number][]; code: number[] } {
  const [A, K, D, N, C, ROWS] = [0, 1, 2, 3, 4, 5];
  const [r, k, j, nb, kb, ap, cp, dp, spare] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [a0, a1, a2, a3] = [15, 16, 17, 18];
  const lane = (i: number) => f32load(sum(get(ap), get(kb), ...Array<number[]>(i - 1).fill(get(kb))));
  const code = [
    ...get(N), ...i32c(4), I32_MUL, ...set(nb),
    ...get(K), ...i32c(4), I32_MUL, ...set(kb),
    ...i32c(0), ...set(r),
    ...doWhile(r, ROWS, [
      ...get(D), ...get(r), ...get(nb), I32_MUL, I32_ADD, ...set(dp),
      ...i32c(0), ...set(k),
      ...doWhile(k, K, [
        ...get(A), ...get(r), ...get(kb), I32_MUL, I32_ADD, ...get(k), ...i32c(4), I32_MUL, I32_ADD, ...set(ap),
        ...f32load(get(ap)), ...F32X4_SPLAT, ...set(a0),
        ...lane(1), ...F32X4_SPLAT, ...set(a1),
        ...lane(2), ...F32X4_SPLAT, ...set(a2),
        ...lane(3), ...F32X4_SPLAT, ...set(a3),
        ...get(C), ...get(k), ...get(nb), I32_MUL, I32_ADD, ...set(cp),
        ...i32c(0), ...set(j),
        ...doWhile(j, nb, [
          ...get(cp), ...get(j), I32_ADD,
          ...vload(sum(get(cp), get(j))),
          ...get(a0), ...vload(sum(get(dp), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a1), ...vload(sum(get(dp), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a2), ...vload(sum(get(dp), get(nb), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...get(a3), ...vload(sum(get(dp), get(nb), get(nb), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD,
          ...V_STORE(),
          ...addTo(j, i32c(16)),
        ]),
        ...addTo(k, i32c(1)),
      ]),
      ...addTo(r, i32c(4)),
    ]),
  ];
  void spare;
  return { locals: [[9, I32], [4, V128]], code };
}

function mmAbtBody(): { locals: [number, number][]; code: number[] } {
  const [D, N, B, K, C, ROWS] = [0, 1, 2, 3, 4, 5];
  const [r, k, j, nb, dp, bp, cp, x, spare] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [s0, s1, s2, s3, d] = [15, 16, 17, 18, 19];
  const zero = [F32_CONST, 0, 0, 0, 0, ...F32X4_SPLAT];
  const hsum = (s: number) => [...get(s), ...F32X4_LANE(0), ...get(s), ...F32X4_LANE(1), F32_ADD, ...get(s), ...F32X4_LANE(2), F32_ADD, ...get(s), ...F32X4_LANE(3), F32_ADD];
  const store = (off: number, s: number) => [...get(cp), ...i32c(off), I32_ADD, ...hsum(s), F32_STORE, 2, 0];
  const code = [
    ...get(N), ...i32c(4), I32_MUL, ...set(nb),
    ...i32c(0), ...set(r),
    ...doWhile(r, ROWS, [
      ...get(D), ...get(r), ...get(nb), I32_MUL, I32_ADD, ...set(dp),
      ...get(C), ...get(r), ...get(K), I32_MUL, ...i32c(4), I32_MUL, I32_ADD, ...set(cp),
      ...get(B), ...set(bp),
      ...i32c(0), ...set(k),
      ...doWhile(k, K, [
        ...zero, ...set(s0), ...zero, ...set(s1), ...zero, ...set(s2), ...zero, ...set(s3),
        ...i32c(0), ...set(j),
        ...doWhile(j, nb, [
          ...vload(sum(get(dp), get(j))), ...set(d),
          ...get(s0), ...get(d), ...vload(sum(get(bp), get(j))), ...F32X4_MUL, ...F32X4_ADD, ...set(s0),
          ...get(s1), ...get(d), ...vload(sum(get(bp), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD, ...set(s1),
          ...get(s2), ...get(d), ...vload(sum(get(bp), get(nb), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD, ...set(s2),
          ...get(s3), ...get(d), ...vload(sum(get(bp), get(nb), get(nb), get(nb), get(j))), ...F32X4_MUL, ...F32X4_ADD, ...set(s3),
          ...addTo(j, i32c(16)),
        ]),
        ...store(0, s0), ...store(4, s1), ...store(8, s2), ...store(12, s3),
        ...addTo(cp, i32c(16)),
        ...get(nb), ...i32c(4), I32_MUL, ...get(bp), I32_ADD, ...set(bp),
        ...addTo(k, i32c(4)),
      ]),
      ...addTo(r, i32c(1)),
    ]),
  ];
  void x;
  void spare;
  return { locals: [[9, I32], [5, V128]], code };
}

/** Assembles the module: imports memory `env.memory`, exports mmAcc, mmAtbAcc, mmAbt. */
export function assembleKernels(): Uint8Array {
  const bodies = [mmAccBody(), mmAtbBody(), mmAbtBody()];
  const names = ['mmAcc', 'mmAtbAcc', 'mmAbt'];
  const type = [0x60, ...uleb(6), ...Array<number>(6).fill(I32), 0];
  const bytes = [
    ...WASM_HEADER,
    ...section(1, vec([type])),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec(bodies.map(() => [0]))),
    ...section(7, vec(names.map((n, i) => [...str(n), 0x00, i]))),
    ...section(10, vec(bodies.map((b) => {
      const body = [...vec(b.locals.map(([n, t]) => [...uleb(n), t])), ...b.code, END];
      return [...uleb(body.length), ...body];
    }))),
  ];
  return Uint8Array.from(bytes);
}

let compiled: object | null | undefined;

/**
 * A WebAssembly memory holding Float32Array buffers the SIMD kernels can work on.
 * Allocate every buffer up front (`alloc`), then `seal()` — the memory never grows
 * afterwards, so the views stay valid.
 */
export class WasmArena {
  private readonly memory: { buffer: ArrayBuffer };
  private used = 0;
  /** The kernels bound to this memory. */
  readonly fns: WasmKernelFns;

  private constructor(api: WasmApi, mod: object, bytes: number) {
    const pages = Math.ceil(bytes / 65536) + 1;
    this.memory = new api.Memory({ initial: pages, maximum: pages });
    const inst = new api.Instance(mod, { env: { memory: this.memory } });
    this.fns = inst.exports as unknown as WasmKernelFns;
  }

  /** An arena of at least `floats` Float32 values, or undefined when WebAssembly SIMD is unavailable. */
  static create(floats: number): WasmArena | undefined {
    const api = wasmApi();
    if (!api) return undefined;
    if (compiled === undefined) {
      const bytes = assembleKernels();
      try {
        compiled = api.validate(bytes) ? new api.Module(bytes) : null;
      } catch {
        compiled = null;
      }
    }
    if (compiled === null) return undefined;
    return new WasmArena(api, compiled, floats * 4 + 64 * 16);
  }

  /** The memory's buffer (kernels accept only views of it). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** A zeroed Float32Array of `n` values in the arena (16-byte aligned). */
  alloc(n: number): Float32Array {
    const off = Math.ceil(this.used / 16) * 16;
    if (off + n * 4 > this.memory.buffer.byteLength) throw new RangeError('wasm arena exhausted');
    this.used = off + n * 4;
    return new Float32Array(this.memory.buffer, off, n);
  }
}
