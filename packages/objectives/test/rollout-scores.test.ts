import { test } from 'uvu';
import { tf } from '@sous/core';
import { rolloutEntropies, rolloutLogProbs } from '../src/lib/rollout-scores.js';
import { policy, table } from './loss-fixture.js';
import { assertAllClose, makeRollouts, refEntropy, refLogProbs, rowsOf } from './rollouts-fixture.js';

test('scores tokens at the sampler temperature', () => {
  const hot = makeRollouts({
    rows: [
      [1, 3, 3, 2],
      [1, 2, 0, 0],
    ],
    groupSize: 2,
    temperature: 2,
  });
  const model = policy();
  const logp = tf.tidy(() => rolloutLogProbs(model, hot).arraySync());
  assertAllClose(logp, refLogProbs(table, hot), 1e-6, 'log-probs');
  const entropies = tf.tidy(() => rolloutEntropies(model, hot).arraySync());
  const expected = rowsOf(hot.tokens, hot.length).map((row) =>
    row.map((_, t) => (t === 0 ? 0 : refEntropy(table, row[t - 1], 2))),
  );
  assertAllClose(entropies, expected, 1e-6, 'entropies');
  model.dispose();
});

test.run();
