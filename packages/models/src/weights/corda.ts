// CorDA adapter initialisation. For a linear layer W [d_out, d_in] and context inputs X [N, d_in]
// (rows are samples), C = XᵀX + εI; the context-oriented product decomposes as W C = U Σ Vᵀ, so
// W = Σᵢ σᵢ uᵢ v̂ᵢᵀ with v̂ᵢ = C⁻¹ vᵢ. r components become the trainable adapter B A, with
// B = U_r Σ_r^{1/2} and A = Σ_r^{1/2} V̂_rᵀ (the square-root split is reconstructed); the rest,
// W − B A, is frozen. Knowledge-preserved adaptation ("kpa", C from data whose knowledge to keep)
// adapts the r smallest components; instruction-previewed adaptation ("ipa", C from the
// fine-tuning task) adapts the r largest.
// "CorDA: Context-Oriented Decomposition Adaptation of Large Language Models for Task-Aware
// Parameter-Efficient Fine-tuning", Yang et al., 2024.
//
// Float64 linear algebra from ml-matrix (a maintained, dependency-light pure-JS library with SVD and
// Cholesky): TensorFlow.js has no SVD, and these decompositions run once, at initialisation.
import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { SousError } from '@sous/core';

export type CordaMode = 'kpa' | 'ipa';

export interface CordaAdapter {
  /** W − B A [d_out, d_in]: the part training leaves alone. */
  frozen: number[][];
  /** [d_out, r] */
  b: number[][];
  /** [r, d_in] */
  a: number[][];
  /** σ of W C, largest first (all min(d_out, d_in) of them). */
  singularValues: number[];
}

/** C = (G + Gᵀ)/2 + ε·(mean of G's diagonal)·I for a Gram matrix G = XᵀX of context inputs X [N,
 * d_in]: the ridge keeps C invertible when the inputs span fewer than d_in directions, at a scale
 * set by the inputs' own. A float32 XᵀX is symmetric only up to rounding on some BLAS kernels
 * (OpenBLAS's Zen kernels round G[i][j] and G[j][i] differently), and the Cholesky factorisation
 * wants it exact; where G is exactly symmetric the average changes nothing. */
export function ridgeCovariance(gram: readonly (readonly number[])[], epsilon: number): number[][] {
  const g = new Matrix(gram.map((row) => [...row]));
  const c = g.add(g.transpose()).div(2);
  const meanDiagonal = c.diag().reduce((sum, v) => sum + v, 0) / c.rows;
  return c.add(Matrix.eye(c.rows).mul(epsilon * meanDiagonal)).to2DArray();
}

/** The CorDA split of `weight` [d_out, d_in] oriented by the covariance `covariance` [d_in, d_in]. */
export function cordaAdapter(
  weight: readonly (readonly number[])[],
  covariance: readonly (readonly number[])[],
  rank: number,
  mode: CordaMode,
): CordaAdapter {
  const w = new Matrix(weight.map((row) => [...row]));
  const c = new Matrix(covariance.map((row) => [...row]));
  if (c.rows !== w.columns || c.columns !== w.columns) {
    throw new SousError(
      `the covariance is ${c.rows}×${c.columns}, expected ${w.columns}×${w.columns} (the layer's inputs)`,
    );
  }
  const components = Math.min(w.rows, w.columns);
  if (!Number.isInteger(rank) || rank < 1 || rank > components) {
    throw new SousError(`the adapter rank must be an integer in [1, ${components}], got ${rank}`);
  }
  const cholesky = new CholeskyDecomposition(c);
  if (!cholesky.isPositiveDefinite()) {
    throw new SousError('the input covariance is not positive definite', {
      hint: 'Raise epsilon or give more context samples.',
    });
  }
  const svd = new SingularValueDecomposition(w.mmul(c), { autoTranspose: true });
  const sigma = svd.diagonal.slice(0, components);
  const u = svd.leftSingularVectors;
  // V̂ = C⁻¹ V: column i is v̂ᵢ.
  const vHat = cholesky.solve(svd.rightSingularVectors);
  const chosen = Array.from({ length: rank }, (_, k) => (mode === 'ipa' ? k : components - rank + k));
  const b = Matrix.zeros(w.rows, rank);
  const a = Matrix.zeros(rank, w.columns);
  chosen.forEach((i, k) => {
    const root = Math.sqrt(sigma[i]);
    b.setColumn(
      k,
      u.getColumn(i).map((value) => value * root),
    );
    a.setRow(
      k,
      vHat.getColumn(i).map((value) => value * root),
    );
  });
  return {
    frozen: w.sub(b.mmul(a)).to2DArray(),
    b: b.to2DArray(),
    a: a.to2DArray(),
    singularValues: sigma,
  };
}
