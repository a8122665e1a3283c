// The policy, reference and rollouts the loss tests share, with float64 reference versions of the
// aggregation so expected values do not come from the code under test.
import { tf } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { makeRollouts, refLogProbs } from './rollouts-fixture.js';

await tf.setBackend('cpu');

export const table = [
  [0.1, -0.2, 0.3, 0.0],
  [0.2, 0.4, -0.3, 0.5],
  [0.0, 0.1, 0.2, -0.1],
  [-0.4, 0.3, 0.6, 0.2],
];
/** A different policy: the sampler (behaviour) or the reference. */
export const otherTable = [
  [0.0, 0.0, 0.0, 0.0],
  [0.1, 0.2, 0.4, -0.6],
  [0.3, 0.0, -0.2, 0.1],
  [0.2, -0.1, 0.9, 1.1],
];

const shape = {
  rows: [
    [1, 3, 3, 2],
    [1, 3, 2, 0],
    [1, 2, 0, 0],
    [1, 3, 3, 3],
  ],
  groupSize: 2,
};
export const rollouts = makeRollouts(shape);
/** The same tokens, as sampled by the policy of `otherTable` (its log-probs recorded). */
export const offPolicyRollouts = makeRollouts({ ...shape, sampleLogProbs: refLogProbs(otherTable, rollouts) });

export const mask = rollouts.completionMask;
export const sequenceAdvantages = {
  kind: 'advantages' as const,
  level: 'sequence' as const,
  values: Float32Array.from([1.5, -0.5, -1, 0.8]),
};

export function policy(values = table): BigramModel {
  return new BigramModel(values);
}

export type Mode = 'token_mean' | 'seq_mean_token_mean' | 'seq_mean_token_sum' | 'constant';

/** Float64 aggregation of per-token values [N][L] over `mask` (flat [N·L]). */
export function refAggregate(perToken: number[][], maskValues: ArrayLike<number>, mode: Mode, normaliser = 3): number {
  const length = perToken[0].length;
  const m = (i: number, t: number) => maskValues[i * length + t];
  const sums = perToken.map((row, i) => row.reduce((s, x, t) => s + x * m(i, t), 0));
  const counts = perToken.map((row, i) => row.reduce((s, _, t) => s + m(i, t), 0));
  const total = sums.reduce((a, b) => a + b, 0);
  if (mode === 'token_mean') return total / counts.reduce((a, b) => a + b, 0);
  if (mode === 'constant') return total / (perToken.length * normaliser);
  const active = counts
    .map((c, i) => [c, i])
    .filter(([c]) => c > 0)
    .map(([, i]) => i);
  const perSequence = active.map((i) => (mode === 'seq_mean_token_mean' ? sums[i] / counts[i] : sums[i]));
  return perSequence.reduce((a, b) => a + b, 0) / active.length;
}

/** Advantage of each position: the sequence's value on every position. */
export function advantageAt(i: number): number {
  return sequenceAdvantages.values[i];
}
