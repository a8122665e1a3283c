// Advantages as the [N, L] tensor a surrogate multiplies: a sequence-level advantage is repeated
// on each of the sequence's positions (the mask decides which count).
import { tf, type Advantages, type Rollouts, type Fail } from '@sous/core';

export const advantageMessages = {
  advantageCount: {
    message:
      'the advantages hold {{got}} values but the rollouts need {{expected}} ' +
      '({{level}} level, {{size}} sequences of {{length}} positions)',
    hint: 'Compute the advantages from the same rollouts the loss scores.',
  },
} as const;

export function advantageTensor(
  advantages: Advantages,
  rollouts: Rollouts,
  fail: Fail<keyof typeof advantageMessages>,
): tf.Tensor {
  const { size, length } = rollouts;
  const expected = advantages.level === 'sequence' ? size : size * length;
  if (advantages.values.length !== expected) {
    fail('advantageCount', { got: advantages.values.length, expected, level: advantages.level, size, length });
  }
  if (advantages.level === 'token') return tf.tensor2d(advantages.values, [size, length]);
  return tf.tile(tf.tensor2d(advantages.values, [size, 1]), [1, length]);
}

/** Per-sequence advantages of a node's result. */
export function sequenceAdvantages(values: Float32Array): Advantages {
  return { kind: 'advantages', level: 'sequence', values };
}
