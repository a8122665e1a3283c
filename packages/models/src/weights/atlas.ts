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

/** The trainable coefficients: [tasks, blocks] under "block" sharing, [tasks, 1] under "task". */
export function initialCoefficients(
  tasks: number,
  blocks: number,
  sharing: CoefficientSharing,
  initial: number,
): tf.Variable {
  return tf.variable(tf.fill(sharing === 'block' ? [tasks, blocks] : [tasks, 1], initial), true);
}

/** `composeByBlock` with `coefficients` from `initialCoefficients` (a task's one λ spread over its blocks). */
export function composeShared(
  base: WeightMap,
  vectors: readonly WeightMap[],
  coefficients: tf.Tensor2D,
  sharing: CoefficientSharing,
): Map<string, tf.Tensor> {
  if (sharing === 'block') return composeByBlock(base, vectors, coefficients);
  const spread = tf.tile(coefficients, [1, base.size]);
  const out = composeByBlock(base, vectors, spread);
  spread.dispose();
  return out;
}

/** Learns Λ by Adam on `objective` with θ₀ and the task vectors frozen. */
export function learnCoefficients(options: LearnCoefficientsOptions): LearnedCoefficients {
  const { base, vectors, objective, sharing, steps, learningRate, initial } = options;
  const lambda = initialCoefficients(vectors.length, base.size, sharing, initial);
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () => objective(composeShared(base, vectors, lambda as tf.Tensor2D, sharing), step),
      true,
      [lambda],
    )!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const values = tf.tidy(() => tf.tile(lambda, [1, base.size / lambda.shape[1]!])).arraySync() as number[][];
  lambda.dispose();
  optimizer.dispose();
  return { coefficients: values, losses };
}
