import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Rewards } from '@sous/core';
import { BigramModel, NodeTester, runNode, testContext } from '@sous/core/testing';
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

test('a mask of other rollouts or a non-model reference is a clear error', async () => {
  const model = policy();
  await new NodeTester(kl_penalty).run({
    invalid: [
      {
        inputs: { policy: model, ref: model, rollouts, mask: mask.subarray(1) },
        messageId: 'maskSize',
        data: { size: 4, length: 4, expected: 16, got: '15 values' },
      },
      { inputs: { policy: model, ref: {}, rollouts }, messageId: 'notLanguageModel', data: { port: 'ref' } },
    ],
  });
  model.dispose();
});

test.run();
