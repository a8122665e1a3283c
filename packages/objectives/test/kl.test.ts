import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { klEstimate } from '../src/lib/kl-estimators.js';
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
  return (
    weight *
    refAggregate(
      logp.map((row, i) => row.map((lp, t) => estimators[estimator](lp - refLogp[i][t]))),
      mask,
      'token_mean',
    )
  );
}

test('each estimator: value and gradient with respect to the policy only', () => {
  for (const estimator of ['k1', 'k2', 'k3', 'low_var'] as const) {
    const model = policy();
    const ref = new BigramModel(otherTable, { trainable: false });
    const params = kl.params.parse({ estimator, weight: 0.5 });
    const { value, gradient } = tfValueAndGradient(model, () =>
      runNode<tf.Scalar>(kl, { policy: model, ref, rollouts, mask }, params),
    );
    assertClose(value, reference(table, estimator, 0.5), 1e-5, estimator);
    assertAllClose(
      gradient,
      numericGradient((t) => reference(t, estimator, 0.5), table),
      1e-4,
      `${estimator} gradient`,
    );
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
  const untouchable = {
    logits: () => {
      throw new Error('forward pass');
    },
    decode: () => {
      throw new Error('forward pass');
    },
    newCache: () => {
      throw new Error('cache');
    },
  };
  const value = tf.tidy(
    () =>
      runNode<tf.Scalar>(kl, { policy: untouchable, ref: untouchable, rollouts, mask }, { weight: 0 }).dataSync()[0],
  );
  assert.is(value, 0);
});

test("low_var clamps the estimate to 10, and the log-ratio to ±20 so that a clamped token's gradient is 0, not NaN", () => {
  // Log-ratios x = log π − log π_ref: −200 (exp(200) overflows float32), −5 and 12 (|k3| > 10), 3 (inside), 25 (> 20).
  // `k3 clamped` is k3 under the same ±10 estimate clamp, without the log-ratio clamp.
  const estimateAndGradient = (estimator: 'k3 clamped' | 'low_var', x: number[]) =>
    tf.tidy(() => {
      const clamped = (logProbs: tf.Tensor) =>
        estimator === 'low_var'
          ? klEstimate('low_var', logProbs, tf.zerosLike(logProbs))
          : tf.clipByValue(klEstimate('k3', logProbs, tf.zerosLike(logProbs)), -10, 10);
      const logProbs = tf.tensor1d(x);
      return {
        value: clamped(logProbs).arraySync() as number[],
        gradient: tf
          .grad((v: tf.Tensor) => tf.sum(clamped(v)))(logProbs)
          .arraySync() as number[],
      };
    });
  const { value, gradient } = estimateAndGradient('low_var', [-200, -5, 3, 12, 25]);
  const u = 2 ** -24; // float32: k3(3) = e⁻³ + 3 − 1 is three rounded operations on values ≤ 3, so |error| ≤ 9u
  assertClose(value[2], Math.exp(-3) + 2, 9 * u, 'k3(3)');
  assertClose(gradient[2], 1 - Math.exp(-3), 2 * u, "k3'(3)");
  assert.equal([value[0], value[1], value[3], value[4]], [10, 10, 10, 10]);
  assert.equal([gradient[0], gradient[1], gradient[3], gradient[4]], [0, 0, 0, 0]);
  // Without the log-ratio clamp the first token's gradient is 0 · (1 − exp(200)) = NaN.
  assert.ok(Number.isNaN(estimateAndGradient('k3 clamped', [-200]).gradient[0]));
});

test('a reference that is not a language model is a clear error, named as the ref', async () => {
  const model = policy();
  await new NodeTester(kl).run({
    invalid: [
      { inputs: { policy: model, ref: {}, rollouts, mask }, messageId: 'notLanguageModel', data: { port: 'ref' } },
    ],
  });
  model.dispose();
});

test.run();
