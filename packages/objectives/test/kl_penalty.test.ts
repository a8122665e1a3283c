import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Rewards } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { runNode, testContext } from '@sous/core/testing';
import { kl_penalty } from '../src/nodes/kl_penalty.js';
import { mask, otherTable, policy, rollouts, table } from './loss-fixture.js';
import { assertAllClose, refLogProbs } from './rollouts-fixture.js';

test('per-sequence sum of the token estimates over the completion', () => {
  const model = policy();
  const ref = new BigramModel(otherTable, { trainable: false });
  const logp = refLogProbs(table, rollouts);
  const refLogp = refLogProbs(otherTable, rollouts);
  const L = rollouts.length;
  const expected = logp.map((row, i) => row.reduce((s, lp, t) => s + mask[i * L + t] * (lp - refLogp[i][t]), 0));
  const before = tf.memory().numTensors;
  const penalty = runNode<Rewards>(kl_penalty, { policy: model, ref, rollouts }, {}, testContext());
  assert.is(tf.memory().numTensors, before);
  assertAllClose(penalty, expected, 1e-5);
  model.dispose();
  ref.dispose();
});

test.run();
