/** Euler–Mascheroni constant, as scikit-learn uses it (`np.euler_gamma`). */
export const EULER_GAMMA = 0.5772156649015329;

/** Harmonic number approximation H(i) ≈ ln(i) + γ (scikit-learn's). */
export function harmonicApprox(i: number): number {
  return Math.log(i) + EULER_GAMMA;
}

/**
 * c(n): average path length of an unsuccessful search in a binary search tree of n points,
 * exactly as scikit-learn's `_average_path_length`: c(n ≤ 1) = 0, c(2) = 1,
 * c(n) = 2·H(n−1) − 2(n−1)/n otherwise.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * harmonicApprox(n - 1) - (2 * (n - 1)) / n;
}

/** Anomaly score 2^(−E[h(x)]/c(ψ)) from the mean path length over trees and the sample size ψ. */
export function anomalyScore(meanPathLength: number, samplesPerTree: number): number {
  const c = averagePathLength(samplesPerTree);
  // ψ = 1: scikit-learn's np.divide(where=denominator != 0, out=ones) makes the ratio 1.
  if (c === 0) return 0.5;
  return Math.pow(2, -meanPathLength / c);
}
