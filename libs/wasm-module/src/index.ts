/**
 * wasm-module: compiles the WebAssembly kernels the libs ship (written in the text format
 * in each lib's `wasm/` folder, compiled to binaries by `infra/scripts/wasm-build.js` at
 * build time), and a typed handle on the runtime's WebAssembly API.
 */

import { readFileSync } from 'node:fs';

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

/**
 * Compiles a kernel binary. Returns null when the runtime cannot run it (no WebAssembly,
 * or a feature such as SIMD missing): the caller then uses its JavaScript loops. A missing
 * file is an error naming it and the build step, not a silent slow path.
 */
export function compileWasmFile(file: string): object | null {
  const api = wasmApi();
  if (!api) return null;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`WebAssembly kernel ${file} is missing: run \`npm run build\` (or \`node infra/scripts/wasm-build.js\`)`, { cause: err });
  }
  try {
    return api.validate(bytes) ? new api.Module(bytes) : null;
  } catch {
    return null;
  }
}
