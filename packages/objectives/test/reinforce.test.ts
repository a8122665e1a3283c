import { test } from 'uvu';
import type { tf } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { reinforce } from '../src/nodes/reinforce.js';
import {
  advantageAt,
  mask,
  policy,
  refAggregate,
  rollouts,
  sequenceAdvantages,
  table,
  type Mode,
} from './loss-fixture.js';
import { assertAllClose, assertClose, numericGradient, refLogProbs, tfValueAndGradient } from './rollouts-fixture.js';

const reference = (values: number[][], mode: Mode) =>
  refAggregate(
    refLogProbs(values, rollouts).map((row, i) => row.map((lp) => -advantageAt(i) * lp)),
    mask,
    mode,
  );

test('−A·log π aggregated: value and finite-difference gradient', () => {
  for (const aggregation of ['seq_mean_token_sum', 'token_mean'] as const) {
    const model = policy();
    const params = reinforce.params.parse({ aggregation });
    const { value, gradient } = tfValueAndGradient(model, () =>
      runNode<tf.Scalar>(reinforce, { policy: model, rollouts, adv: sequenceAdvantages, mask }, params),
    );
    assertClose(value, reference(table, aggregation), 1e-5, aggregation);
    assertAllClose(
      gradient,
      numericGradient((t) => reference(t, aggregation), table),
      1e-4,
      `${aggregation} gradient`,
    );
    model.dispose();
  }
});

test('the default aggregation is the textbook −mean_i A_i·log π(sequence_i)', () => {
  const logp = refLogProbs(table, rollouts);
  const L = rollouts.length;
  const bySequence = logp.map((row, i) => -advantageAt(i) * row.reduce((s, lp, t) => s + mask[i * L + t] * lp, 0));
  const model = policy();
  const { value } = tfValueAndGradient(model, () =>
    runNode<tf.Scalar>(reinforce, { policy: model, rollouts, adv: sequenceAdvantages, mask }, {}),
  );
  assertClose(value, bySequence.reduce((a, b) => a + b, 0) / 4, 1e-5);
  model.dispose();
});

test.run();
