import { test } from 'uvu';
import type { tf } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { entropy } from '../src/nodes/entropy.js';
import { mask, policy, refAggregate, rollouts, table } from './loss-fixture.js';
import {
  assertAllClose,
  assertClose,
  numericGradient,
  refEntropy,
  rowsOf,
  tfValueAndGradient,
} from './rollouts-fixture.js';

const reference = (values: number[][]) =>
  refAggregate(
    rowsOf(rollouts.tokens, rollouts.length).map((row) =>
      row.map((_, t) => (t === 0 ? 0 : refEntropy(values, row[t - 1]))),
    ),
    mask,
    'token_mean',
  );

test('mean predictive entropy of the masked positions: value and gradient', () => {
  const model = policy();
  const { value, gradient } = tfValueAndGradient(model, () =>
    runNode<tf.Scalar>(entropy, { policy: model, rollouts, mask }, {}),
  );
  assertClose(value, reference(table), 1e-5);
  assertAllClose(gradient, numericGradient(reference, table), 1e-4, 'gradient');
  model.dispose();
});

test('a uniform policy has entropy ln V', () => {
  const model = policy(table.map((row) => row.map(() => 0)));
  const { value } = tfValueAndGradient(model, () => runNode<tf.Scalar>(entropy, { policy: model, rollouts, mask }, {}));
  assertClose(value, Math.log(4), 1e-6);
  model.dispose();
});

test.run();
