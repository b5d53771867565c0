/**
 * Float32Array matrix kernels for the LSTM trainer. Row-major; the loops are unrolled by
 * four so each loaded value feeds several multiply-adds (V8 does not vectorise).
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
