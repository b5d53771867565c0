import { JS_KERNELS, simdKernels } from './kernels';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { WasmArena } from './wasm-kernels';

describe('SIMD WebAssembly kernels', () => {
  const rnd = new SeededRandom(9);
  const fill = (a: Float32Array) => {
    for (let i = 0; i < a.length; i++) a[i] = rnd.uniform(-1, 1);
    return a;
  };

  it.each([
    [1, 4, 4],
    [7, 64, 256],
    [13, 8, 12],
  ])('equal the JavaScript kernels (rows %i, K %i, N %i), offsets included', (rows, K, N) => {
    const arena = WasmArena.create(200_000)!;
    expect(arena).toBeDefined();
    const simd = simdKernels(arena.buffer, arena.fns as never);
    const A = fill(arena.alloc(rows * K + 8)), B = fill(arena.alloc(K * N + 4)), D = fill(arena.alloc(rows * N + 4));
    for (const [name, run] of [
      ['matmulAcc', (k: typeof JS_KERNELS, C: Float32Array) => k.matmulAcc(A, 4, K, B, 4, N, C, 0, rows)],
      ['matmulAtBAcc', (k: typeof JS_KERNELS, C: Float32Array) => k.matmulAtBAcc(A, 4, K, D, 4, N, C, 0, rows)],
      ['matmulABt', (k: typeof JS_KERNELS, C: Float32Array) => k.matmulABt(D, 4, N, B, 4, K, C, 0, rows)],
    ] as const) {
      const size = name === 'matmulAtBAcc' ? K * N : name === 'matmulAcc' ? rows * N : rows * K;
      const c1 = fill(arena.alloc(size));
      const c2 = new Float32Array(c1);
      run(simd, c1);
      run(JS_KERNELS, c2);
      let worst = 0;
      for (let i = 0; i < size; i++) worst = Math.max(worst, Math.abs(c1[i]! - c2[i]!));
      expect(worst).toBeLessThan(1e-4);
    }
  });
});
