// rolloutLogProbs inside a gradient computation: one forward per (model, rollouts), shared through
// ctx.memo by the losses that read it, and a frozen model's forward kept off the gradient tape.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { BigramModel, runNode, testContext } from '@sous/core/testing';
import { rolloutLogProbs } from '../src/lib/rollout-scores.js';
import { clipped_pg } from '../src/nodes/clipped_pg.js';
import { kl } from '../src/nodes/kl.js';
import { otherTable, rollouts, table } from './loss-fixture.js';

/** Counts the model's forward passes. */
function counted(model: BigramModel): { model: BigramModel; calls: () => number } {
  let calls = 0;
  const logits = model.logits.bind(model);
  model.logits = (tokens) => {
    calls++;
    return logits(tokens);
  };
  return { model, calls: () => calls };
}

test('two losses on the same rollouts share one policy forward through ctx.memo, and the gradient counts both', () => {
  const { model, calls } = counted(new BigramModel(table));
  const variable = [...model.namedVariables().values()];
  const { memo } = testContext();
  const twice = tf.variableGrads(
    () =>
      tf.add(
        tf.sum(rolloutLogProbs(model, rollouts, memo)),
        tf.sum(rolloutLogProbs(model, rollouts, memo)),
      ) as tf.Scalar,
    variable,
  );
  assert.is(calls(), 1);
  const once = tf.variableGrads(() => tf.sum(rolloutLogProbs(model, rollouts)) as tf.Scalar, variable);
  const [gradTwice, gradOnce] = [Object.values(twice.grads)[0].dataSync(), Object.values(once.grads)[0].dataSync()];
  gradOnce.forEach((g, i) =>
    assert.ok(Math.abs(gradTwice[i] - 2 * g) < 1e-6, `gradient ${i}: ${gradTwice[i]} is not twice ${g}`),
  );
  tf.dispose([twice.value, once.value, ...Object.values(twice.grads), ...Object.values(once.grads)]);
  model.dispose();
});

test('without a memo nothing is shared (each call runs the model)', () => {
  const { model, calls } = counted(new BigramModel(table));
  tf.tidy(() => {
    rolloutLogProbs(model, rollouts);
    rolloutLogProbs(model, rollouts);
  });
  assert.is(calls(), 2);
  model.dispose();
});

test('objectives.clipped_pg and objectives.kl in one gradient computation run the policy once and the reference once', () => {
  const { model: policy, calls: policyCalls } = counted(new BigramModel(table));
  const { model: ref, calls: refCalls } = counted(new BigramModel(otherTable, { trainable: false }));
  const ctx = testContext();
  const adv = {
    kind: 'advantages' as const,
    level: 'sequence' as const,
    values: Float32Array.from([1.5, -0.5, -1, 0.8]),
  };
  const { value, grads } = tf.variableGrads(
    () =>
      tf.add(
        runNode<tf.Scalar>(clipped_pg, { policy, rollouts, adv, mask: rollouts.completionMask }, {}, ctx),
        runNode<tf.Scalar>(kl, { policy, ref, rollouts, mask: rollouts.completionMask }, {}, ctx),
      ) as tf.Scalar,
    [...policy.namedVariables().values()],
  );
  assert.equal([policyCalls(), refCalls()], [1, 1]);
  tf.dispose([value, ...Object.values(grads)]);
  policy.dispose();
  ref.dispose();
});

test('a frozen model is scored off the tape: same values, nothing of it kept for the backward pass', () => {
  const policy = new BigramModel(table);
  const frozen = new BigramModel(otherTable, { trainable: false });
  const expected = tf.tidy(() => rolloutLogProbs(new BigramModel(otherTable), rollouts).dataSync());
  const variable = [...policy.namedVariables().values()];
  let frozenValues: Float32Array | undefined;
  let tapeLength = -1;
  const { value, grads } = tf.variableGrads(() => {
    const ref = rolloutLogProbs(frozen, rollouts);
    frozenValues = ref.dataSync() as Float32Array;
    tapeLength = (tf.engine() as unknown as { state: { activeTape: unknown[] } }).state.activeTape.length;
    return tf.sum(tf.mul(rolloutLogProbs(policy, rollouts), ref)) as tf.Scalar;
  }, variable);
  assert.equal([...frozenValues!], [...expected]);
  assert.is(tapeLength, 1, 'only the custom-gradient node that stands for the frozen forward is recorded');
  assert.ok(
    Object.values(grads)[0]
      .dataSync()
      .some((g) => g !== 0),
  );
  tf.dispose([value, ...Object.values(grads)]);
  policy.dispose();
  frozen.dispose();
});

test.run();
