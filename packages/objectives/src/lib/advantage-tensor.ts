// Advantages as the [N, L] tensor a surrogate multiplies: a sequence-level advantage is repeated
// on each of the sequence's positions (the mask decides which count).
import { SousError, tf, type Advantages, type Rollouts } from '@sous/core';

export function advantageTensor(advantages: Advantages, rollouts: Rollouts, node: string): tf.Tensor {
  const { size, length } = rollouts;
  const expected = advantages.level === 'sequence' ? size : size * length;
  if (advantages.values.length !== expected) {
    throw new SousError(
      `${node}: the advantages hold ${advantages.values.length} values but the rollouts need ${expected} ` +
        `(${advantages.level} level, ${size} sequences of ${length} positions)`,
      { hint: 'Compute the advantages from the same rollouts the loss scores.' },
    );
  }
  if (advantages.level === 'token') return tf.tensor2d(advantages.values, [size, length]);
  return tf.tile(tf.tensor2d(advantages.values, [size, 1]), [1, length]);
}

/** Per-sequence advantages of a node's result. */
export function sequenceAdvantages(values: Float32Array): Advantages {
  return { kind: 'advantages', level: 'sequence', values };
}
