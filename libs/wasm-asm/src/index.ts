/**
 * wasm-asm: the few WebAssembly binary-format encoders our hand-assembled kernels share
 * (LEB128 integers, vectors, names, sections, the module header) and a typed handle on the
 * runtime's WebAssembly API. Pure: bytes in, bytes out.
 */

/** Minimal typing of the WebAssembly API the kernels use (TypeScript's ES libs lack it). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
}

/** The runtime's WebAssembly API, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** Magic number and version 1: the first eight bytes of every module. */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Unsigned LEB128 encoding of a non-negative 32-bit integer. */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`uleb: ${n} is not a u32`);
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 encoding of a 32-bit integer. */
export function sleb(n: number): number[] {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`sleb: ${n} is not an i32`);
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A section: id, payload size, payload. */
export function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

/** A vector: element count, then the elements' bytes. */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A name: byte length, then its bytes (ASCII names only). */
export function name(s: string): number[] {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new RangeError(`name: ${JSON.stringify(s)} is not printable ASCII`);
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}
