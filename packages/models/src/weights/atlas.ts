// aTLAS: task vectors composed with one learned coefficient per parameter block per task,
// θ(Λ) = θ₀ + Σₜ Σ_b λₜᵇ τₜᵇ, a block being one named weight (a matrix or a bias). Only Λ (tasks ×
// blocks scalars) is trained, by gradient on a small objective; "task" scaling ties each task's
// coefficients across blocks (isotropic task arithmetic with a learned λₜ).
// "Knowledge Composition using Task Vectors with Learned Anisotropic Scaling", Zhang et al., 2024.
import { SousError, tf } from '@sous/core';
import { mapWeights, type WeightMap } from './weight-map.js';

export type CoefficientSharing = 'block' | 'task';

/** θ₀ + Σₜ Σ_b λₜᵇ τₜᵇ with `coefficients` [tasks, blocks], blocks in `base`'s order. Differentiable in
 * `coefficients` (call it inside a gradient). */
export function composeByBlock(
  base: WeightMap,
  vectors: readonly WeightMap[],
  coefficients: tf.Tensor2D,
): Map<string, tf.Tensor> {
  const [tasks, blocks] = coefficients.shape;
  if (tasks !== vectors.length || blocks !== base.size) {
    throw new SousError(
      `coefficients have shape [${tasks}, ${blocks}], expected [${vectors.length}, ${base.size}] (tasks, blocks)`,
    );
  }
  const blockIndex = new Map([...base.keys()].map((name, b) => [name, b] as const));
  const columns = tf.unstack(coefficients, 1);
  const out = mapWeights([base, ...vectors], ([theta0, ...taus], name) => {
    const lambdas = tf.unstack(columns[blockIndex.get(name)!]);
    return tf.addN([theta0, ...taus.map((tau, t) => tf.mul(tau, lambdas[t]))]);
  });
  for (const column of columns) column.dispose();
  return out;
}

export interface LearnCoefficientsOptions {
  base: WeightMap;
  vectors: readonly WeightMap[];
  /** The loss of a composed model, a scalar; called inside the gradient once per step. */
  objective: (weights: Map<string, tf.Tensor>, step: number) => tf.Scalar;
  sharing: CoefficientSharing;
  steps: number;
  learningRate: number;
  /** Every coefficient's starting value (aTLAS starts small, e.g. 0.3). */
  initial: number;
}

export interface LearnedCoefficients {
  /** [tasks][blocks]: under "task" sharing every row is one value repeated. */
  coefficients: number[][];
  /** The objective at each step, before that step's update. */
  losses: number[];
}

/** Learns Λ by Adam on `objective` with θ₀ and the task vectors frozen. */
export function learnCoefficients(options: LearnCoefficientsOptions): LearnedCoefficients {
  const { base, vectors, objective, sharing, steps, learningRate, initial } = options;
  const tasks = vectors.length;
  const blocks = base.size;
  const shape = sharing === 'block' ? [tasks, blocks] : [tasks, 1];
  const lambda = tf.variable(tf.fill(shape, initial), true);
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () => {
        const full = sharing === 'block' ? lambda : tf.tile(lambda, [1, blocks]);
        const weights = composeByBlock(base, vectors, full as tf.Tensor2D);
        return objective(weights, step);
      },
      true,
      [lambda],
    )!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const values = tf
    .tidy(() => (sharing === 'block' ? lambda.clone() : tf.tile(lambda, [1, blocks])))
    .arraySync() as number[][];
  lambda.dispose();
  optimizer.dispose();
  return { coefficients: values, losses };
}
