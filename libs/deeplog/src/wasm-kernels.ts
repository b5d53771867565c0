/**
 * SIMD (f32x4) versions of the three matrix kernels: the WebAssembly module written in
 * `wasm/matmul-simd.wat`, compiled at build time. They work on Float32Array views of the
 * module's memory (see {@link WasmArena}); `kernels.ts` dispatches to them when every
 * operand lives there and the widths are multiples of 4, and uses its JavaScript loops
 * otherwise (and as the reference the tests compare against).
 */

import * as path from 'node:path';
import { compileWasmFile, wasmApi, type WasmApi } from '@log-sentinel/wasm-module';

/** Kernel signatures (all pointers are byte offsets into the module memory). */
export interface WasmKernelFns {
  /** C[r,:] += A[r,:]·B. */
  mmAcc(a: number, k: number, b: number, n: number, c: number, rows: number): void;
  /** C += Aᵀ·D over rows (rows a multiple of 4). */
  mmAtbAcc(a: number, k: number, d: number, n: number, c: number, rows: number): void;
  /** C = D·Bᵀ. */
  mmAbt(d: number, n: number, b: number, k: number, c: number, rows: number): void;
}

/** The kernels' binary, compiled from `wasm/matmul-simd.wat` at build time (same path from src/ and dist/). */
const KERNELS_FILE = path.join(__dirname, '..', 'wasm', 'matmul-simd.wasm');

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
    if (compiled === undefined) compiled = compileWasmFile(KERNELS_FILE);
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
