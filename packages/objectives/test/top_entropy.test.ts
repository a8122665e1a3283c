import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Mask } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { top_entropy } from '../src/nodes/top_entropy.js';
import { rollouts } from './masks-fixture.js';
import { maskOf, refEntropy, rowsOf } from './rollouts-fixture.js';

await tf.setBackend('cpu');

// After bos the next token is uniform (entropy ln 4); after "a" it is peaked (lower entropy).
const table = [
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 3, 1],
];
const model = new BigramModel(table);

test('keeps the top-ρ share of completion tokens by entropy', () => {
  // Completion tokens: 4 predicted after bos (H = ln 4), 5 after "a" (H_a < ln 4). Sorted, the
  // 0.6-quantile sits at index 0.6·8 = 4.8, between the 5th (H_a) and 6th (ln 4): only the after-bos tokens stay.
  assert.ok(refEntropy(table, 3) < Math.log(4));
  const mask = runNode<Mask>(top_entropy, { policy: model, rollouts }, { quantile: 0.4 });
  assert.equal(rowsOf(mask, 4), [
    [0, 1, 0, 0],
    [0, 1, 0, 0],
    [0, 1, 0, 0],
    [0, 1, 0, 0],
  ]);
});

test('quantile 1 keeps every token of the population; `within` narrows it', () => {
  assert.equal(
    rowsOf(runNode<Mask>(top_entropy, { policy: model, rollouts }, { quantile: 1 }), 4),
    rowsOf(rollouts.completionMask, 4),
  );
  const within = maskOf([
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 1, 1],
  ]);
  // Entropies ln 4, H_a, H_a: the 0.66-quantile is above H_a.
  const before = tf.memory().numTensors;
  const mask = runNode<Mask>(top_entropy, { policy: model, rollouts, within }, { quantile: 0.34 });
  assert.is(tf.memory().numTensors, before);
  assert.equal(rowsOf(mask, 4), [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 0, 0],
  ]);
});

test('a mask of other rollouts or a non-model is a clear error', async () => {
  await new NodeTester(top_entropy).run({
    invalid: [
      {
        inputs: { policy: model, rollouts, within: new Float32Array(12) },
        messageId: 'maskSize',
        data: { size: 4, length: 4, expected: 16, got: '12 values' },
      },
      { inputs: { policy: { kind: 'model' }, rollouts }, messageId: 'notLanguageModel', data: { port: 'policy' } },
    ],
  });
});

test.run();
