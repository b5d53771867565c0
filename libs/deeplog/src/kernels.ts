/**
 * Float32Array matrix kernels for the LSTM trainer. Row-major; the loops are unrolled by
 * four so each loaded value feeds several multiply-adds (V8 does not vectorise). The three
 * kernels look alike on purpose (deliberate kernel unrolling, issue 19): each walks its
 * operands in the order that keeps its innermost loop contiguous, which one generic kernel
 * with strides would not.
 */

/** `C[r,:] += A[r,:] · B` for `rows` rows; A is rows×K, B is K×N, C is rows×N. */
export function matmulAcc(
  A: Float32Array, aOff: number, K: number,
  B: Float32Array, bOff: number, N: number,
  C: Float32Array, cOff: number, rows: number,
): void {
  const K4 = K - (K % 4);
  for (let r = 0; r < rows; r++) {
    const ar = aOff + r * K;
    const cr = cOff + r * N;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = A[ar + k]!, a1 = A[ar + k + 1]!, a2 = A[ar + k + 2]!, a3 = A[ar + k + 3]!;
      const b0 = bOff + k * N, b1 = b0 + N, b2 = b1 + N, b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        C[cr + j] = C[cr + j]! + a0 * B[b0 + j]! + a1 * B[b1 + j]! + a2 * B[b2 + j]! + a3 * B[b3 + j]!;
      }
    }
    for (; k < K; k++) {
      const a = A[ar + k]!;
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) C[cr + j] = C[cr + j]! + a * B[b0 + j]!;
    }
  }
}

/** `C += Aᵀ · D` over `rows` rows; A is rows×K, D is rows×N, C is K×N. */
export function matmulAtBAcc(
  A: Float32Array, aOff: number, K: number,
  D: Float32Array, dOff: number, N: number,
  C: Float32Array, cOff: number, rows: number,
): void {
  const R4 = rows - (rows % 4);
  let r = 0;
  for (; r < R4; r += 4) {
    const a0r = aOff + r * K, a1r = a0r + K, a2r = a1r + K, a3r = a2r + K;
    const d0 = dOff + r * N, d1 = d0 + N, d2 = d1 + N, d3 = d2 + N;
    for (let k = 0; k < K; k++) {
      const a0 = A[a0r + k]!, a1 = A[a1r + k]!, a2 = A[a2r + k]!, a3 = A[a3r + k]!;
      const ck = cOff + k * N;
      for (let j = 0; j < N; j++) {
        C[ck + j] = C[ck + j]! + a0 * D[d0 + j]! + a1 * D[d1 + j]! + a2 * D[d2 + j]! + a3 * D[d3 + j]!;
      }
    }
  }
  for (; r < rows; r++) {
    const ar = aOff + r * K;
    const dr = dOff + r * N;
    for (let k = 0; k < K; k++) {
      const a = A[ar + k]!;
      const ck = cOff + k * N;
      for (let j = 0; j < N; j++) C[ck + j] = C[ck + j]! + a * D[dr + j]!;
    }
  }
}

/** `C[r,k] = Σ_j D[r,j]·B[k,j]` (`C = D · Bᵀ`); D is rows×N, B is K×N, C is rows×K. */
export function matmulABt(
  D: Float32Array, dOff: number, N: number,
  B: Float32Array, bOff: number, K: number,
  C: Float32Array, cOff: number, rows: number,
): void {
  const K4 = K - (K % 4);
  for (let r = 0; r < rows; r++) {
    const dr = dOff + r * N;
    const cr = cOff + r * K;
    let k = 0;
    for (; k < K4; k += 4) {
      const b0 = bOff + k * N, b1 = b0 + N, b2 = b1 + N, b3 = b2 + N;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < N; j++) {
        const d = D[dr + j]!;
        s0 += d * B[b0 + j]!;
        s1 += d * B[b1 + j]!;
        s2 += d * B[b2 + j]!;
        s3 += d * B[b3 + j]!;
      }
      C[cr + k] = s0;
      C[cr + k + 1] = s1;
      C[cr + k + 2] = s2;
      C[cr + k + 3] = s3;
    }
    for (; k < K; k++) {
      const b0 = bOff + k * N;
      let s = 0;
      for (let j = 0; j < N; j++) s += D[dr + j]! * B[b0 + j]!;
      C[cr + k] = s;
    }
  }
}

/** The three kernels behind one interface, so the network can run on JavaScript or SIMD versions. */
export interface KernelSet {
  /** See {@link matmulAcc}. */
  matmulAcc: typeof matmulAcc;
  /** See {@link matmulAtBAcc}. */
  matmulAtBAcc: typeof matmulAtBAcc;
  /** See {@link matmulABt}. */
  matmulABt: typeof matmulABt;
}

/** The JavaScript kernels. */
export const JS_KERNELS: KernelSet = { matmulAcc, matmulAtBAcc, matmulABt };

/**
 * Kernels that run the SIMD WebAssembly versions when every operand is a view of `buffer`
 * and the widths are multiples of 4, and the JavaScript loops otherwise.
 */
export function simdKernels(buffer: ArrayBuffer, fns: { mmAcc: (...a: number[]) => void; mmAtbAcc: (...a: number[]) => void; mmAbt: (...a: number[]) => void }): KernelSet {
  const inArena = (...arrays: Float32Array[]) => arrays.every((a) => a.buffer === buffer);
  return {
    matmulAcc(A, aOff, K, B, bOff, N, C, cOff, rows) {
      if (rows > 0 && K % 4 === 0 && N % 4 === 0 && K > 0 && N > 0 && inArena(A, B, C)) {
        fns.mmAcc(A.byteOffset + aOff * 4, K, B.byteOffset + bOff * 4, N, C.byteOffset + cOff * 4, rows);
      } else matmulAcc(A, aOff, K, B, bOff, N, C, cOff, rows);
    },
    matmulAtBAcc(A, aOff, K, D, dOff, N, C, cOff, rows) {
      const r4 = rows - (rows % 4);
      if (r4 > 0 && N % 4 === 0 && K > 0 && N > 0 && inArena(A, D, C)) {
        fns.mmAtbAcc(A.byteOffset + aOff * 4, K, D.byteOffset + dOff * 4, N, C.byteOffset + cOff * 4, r4);
        if (r4 < rows) matmulAtBAcc(A, aOff + r4 * K, K, D, dOff + r4 * N, N, C, cOff, rows - r4);
      } else matmulAtBAcc(A, aOff, K, D, dOff, N, C, cOff, rows);
    },
    matmulABt(D, dOff, N, B, bOff, K, C, cOff, rows) {
      if (rows > 0 && K % 4 === 0 && N % 4 === 0 && K > 0 && N > 0 && inArena(D, B, C)) {
        fns.mmAbt(D.byteOffset + dOff * 4, N, B.byteOffset + bOff * 4, K, C.byteOffset + cOff * 4, rows);
      } else matmulABt(D, dOff, N, B, bOff, K, C, cOff, rows);
    },
  };
}
