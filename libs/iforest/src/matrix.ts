import { IsolationForestError } from './errors';

/** Rows of feature values (number[] or Float64Array rows), all of the same length. */
export type Matrix = ArrayLike<number>[];

/** A row-major matrix in one Float64Array. */
export interface FlatMatrix {
  /** Row-major values, `nRows * nCols` long. */
  data: Float64Array;
  /** Number of rows. */
  nRows: number;
  /** Number of columns (features). */
  nCols: number;
}

/**
 * Copies `X` into a flat row-major Float64Array, checking that it is an array of rows of
 * equal length (`expectedCols` when given) holding only finite numbers. Zero rows is
 * allowed here; callers that need rows check `nRows`.
 */
export function flattenMatrix(X: Matrix, expectedCols?: number): FlatMatrix {
  if (!Array.isArray(X)) {
    throw new IsolationForestError('INVALID_OPTION', 'X must be an array of rows (number[] or Float64Array)');
  }
  const nRows = X.length;
  const nCols = expectedCols ?? (nRows > 0 ? rowLength(X[0], 0) : 0);
  const data = new Float64Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) {
    const row = X[r];
    const len = rowLength(row, r);
    if (len !== nCols) {
      throw new IsolationForestError(
        'FEATURE_COUNT_MISMATCH',
        `row ${r} has ${len} features, expected ${nCols}`,
      );
    }
    const base = r * nCols;
    for (let c = 0; c < nCols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new IsolationForestError(
          'NON_FINITE_VALUE',
          `row ${r}, feature ${c} is ${String(v)}; every feature must be a finite number`,
        );
      }
      data[base + c] = v;
    }
  }
  return { data, nRows, nCols };
}

/** Checks a flat matrix (already Float64Array) for shape and finite values. */
export function checkFlatMatrix(m: FlatMatrix, expectedCols?: number): void {
  if (!(m.data instanceof Float64Array)) {
    throw new IsolationForestError('INVALID_OPTION', 'flat matrix data must be a Float64Array');
  }
  if (!Number.isInteger(m.nRows) || m.nRows < 0 || !Number.isInteger(m.nCols) || m.nCols < 0) {
    throw new IsolationForestError('INVALID_OPTION', `bad matrix shape ${m.nRows} × ${m.nCols}`);
  }
  if (m.data.length !== m.nRows * m.nCols) {
    throw new IsolationForestError(
      'FEATURE_COUNT_MISMATCH',
      `flat matrix has ${m.data.length} values, expected ${m.nRows} × ${m.nCols}`,
    );
  }
  if (expectedCols !== undefined && m.nCols !== expectedCols) {
    throw new IsolationForestError('FEATURE_COUNT_MISMATCH', `matrix has ${m.nCols} features, expected ${expectedCols}`);
  }
  const d = m.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      const r = Math.floor(i / m.nCols);
      throw new IsolationForestError(
        'NON_FINITE_VALUE',
        `row ${r}, feature ${i - r * m.nCols} is ${d[i]}; every feature must be a finite number`,
      );
    }
  }
}

function rowLength(row: unknown, r: number): number {
  if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
    throw new IsolationForestError('INVALID_OPTION', `row ${r} is not an array of numbers`);
  }
  return (row as ArrayLike<number>).length;
}
