// Small dense linear algebra on row-major Float64Arrays, through ml-matrix: the d × d covariance
// work of Gaussian (mixture) scores and the closed-form teleport. d is small (2–16).
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';

export type SquareMatrix = Float64Array; // row-major [d, d]

export function toMatrix(a: SquareMatrix, d: number): Matrix {
  return new Matrix(Array.from({ length: d }, (_, row) => Array.from(a.subarray(row * d, (row + 1) * d))));
}

function fromMatrix(m: Matrix): SquareMatrix {
  return Float64Array.from(m.to1DArray());
}

export function identity(d: number, scale = 1): SquareMatrix {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = scale;
  return out;
}

/** a·A + b·I */
export function scaledPlusIdentity(a: SquareMatrix, d: number, scaleA: number, addDiagonal: number): SquareMatrix {
  const out = a.map((value) => value * scaleA);
  for (let i = 0; i < d; i++) out[i * d + i] += addDiagonal;
  return out;
}

/** Inverse and log-determinant of a symmetric positive-definite matrix (by Cholesky). */
export function inverseAndLogDet(a: SquareMatrix, d: number): { inverse: SquareMatrix; logDet: number } {
  const cholesky = new CholeskyDecomposition(toMatrix(a, d));
  if (!cholesky.isPositiveDefinite()) throw new Error('covariance is not positive definite');
  const lower = cholesky.lowerTriangularMatrix;
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += 2 * Math.log(lower.get(i, i));
  return { inverse: fromMatrix(cholesky.solve(Matrix.eye(d))), logDet };
}

/** Lower Cholesky factor L (A = L Lᵀ): maps standard normals to N(0, A). */
export function choleskyLower(a: SquareMatrix, d: number): SquareMatrix {
  const cholesky = new CholeskyDecomposition(toMatrix(a, d));
  if (!cholesky.isPositiveDefinite()) throw new Error('covariance is not positive definite');
  return fromMatrix(cholesky.lowerTriangularMatrix);
}

/** Eigenvalues λ and orthonormal eigenvectors (columns of U) of a symmetric matrix: A = U diag(λ) Uᵀ. */
export function symmetricEigen(a: SquareMatrix, d: number): { values: Float64Array; vectors: SquareMatrix } {
  const evd = new EigenvalueDecomposition(toMatrix(a, d), { assumeSymmetric: true });
  return { values: Float64Array.from(evd.realEigenvalues), vectors: fromMatrix(evd.eigenvectorMatrix) };
}

/** y = A x for a d-vector x. */
export function multiply(
  a: SquareMatrix,
  x: ArrayLike<number>,
  d: number,
  out: Float64Array = new Float64Array(d),
): Float64Array {
  for (let i = 0; i < d; i++) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += a[i * d + j] * x[j];
    out[i] = sum;
  }
  return out;
}

/** Mean [d] and covariance [d, d] (divided by n) of row-major points. */
export function meanAndCovariance(values: Float32Array, d: number): { mean: Float64Array; covariance: SquareMatrix } {
  const n = values.length / d;
  const mean = new Float64Array(d);
  for (let row = 0; row < n; row++) for (let i = 0; i < d; i++) mean[i] += values[row * d + i] / n;
  const covariance = new Float64Array(d * d);
  for (let row = 0; row < n; row++) {
    for (let i = 0; i < d; i++) {
      const di = values[row * d + i] - mean[i];
      for (let j = 0; j < d; j++) covariance[i * d + j] += (di * (values[row * d + j] - mean[j])) / n;
    }
  }
  return { mean, covariance };
}
