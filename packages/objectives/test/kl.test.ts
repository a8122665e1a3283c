import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BigramModel, tf } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { kl } from '../src/nodes/kl.js';
import { mask, otherTable, policy, refAggregate, rollouts, table } from './loss-fixture.js';
import { assertAllClose, assertClose, numericGradient, refLogProbs, tfValueAndGradient } from './rollouts-fixture.js';

const estimators: Record<string, (x: number) => number> = {
  k1: (x) => x,
  k2: (x) => (x * x) / 2,
  k3: (x) => Math.exp(-x) + x - 1,
  low_var: (x) => Math.exp(-x) + x - 1, // the clamps do not bite at these log-ratios
};

function reference(values: number[][], estimator: string, weight: number): number {
  const logp = refLogProbs(values, rollouts);
  const refLogp = refLogProbs(otherTable, rollouts);
  return weight * refAggregate(logp.map((row, i) => row.map((lp, t) => estimators[estimator](lp - refLogp[i][t]))), mask, 'token_mean');
}

test('each estimator: value and gradient with respect to the policy only', () => {
  for (const estimator of ['k1', 'k2', 'k3', 'low_var'] as const) {
    const model = policy();
    const ref = new BigramModel(otherTable, { trainable: false });
    const params = kl.params.parse({ estimator, weight: 0.5 });
    const { value, gradient } = tfValueAndGradient(model, () => runNode<tf.Scalar>(kl, { policy: model, ref, rollouts, mask }, params));
    assertClose(value, reference(table, estimator, 0.5), 1e-5, estimator);
    assertAllClose(gradient, numericGradient((t) => reference(t, estimator, 0.5), table), 1e-4, `${estimator} gradient`);
    model.dispose();
    ref.dispose();
  }
});

test('k3 of a policy against itself is 0', () => {
  const model = policy();
  const value = tf.tidy(() => runNode<tf.Scalar>(kl, { policy: model, ref: model, rollouts, mask }, {}).dataSync()[0]);
  assertClose(value, 0, 1e-7);
  model.dispose();
});

test('weight 0 runs neither model', () => {
  const untouchable = { logits: () => { throw new Error('forward pass'); }, decode: () => { throw new Error('forward pass'); }, newCache: () => { throw new Error('cache'); } };
  const value = tf.tidy(() => runNode<tf.Scalar>(kl, { policy: untouchable, ref: untouchable, rollouts, mask }, { weight: 0 }).dataSync()[0]);
  assert.is(value, 0);
});

test.run();
