import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards, SequenceClassifier } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { style_classifier } from '../src/nodes/style_classifier.js';
import { close, rolloutsOf } from './rollouts.js';

/** A classifier over three classes that returns fixed window probabilities per sequence. */
function classifierOf(probabilities: number[][][]): SequenceClassifier {
  return {
    kind: 'sequence_classifier',
    classes: ['bach', 'chopin', 'satie'],
    windowLogProbs: () => probabilities.map((windows) => Float64Array.from(windows.flat(), Math.log)),
  };
}

const rollouts = rolloutsOf(['a', 'b', 'c'], '');
const classifier = classifierOf([
  [
    [0.5, 0.3, 0.2],
    [0.7, 0.2, 0.1],
  ],
  [[0.1, 0.6, 0.3]],
  [],
]);

test('R = mean over windows of log p(target | window); no windows: abstain', () => {
  const rewards = runNode<Rewards>(style_classifier, { rollouts, classifier }, { target: 'bach' });
  // (ln 0.5 + ln 0.7) / 2 = −0.52491; ln 0.1 = −2.30259; the third sequence has no window.
  assert.ok(close(rewards, [(Math.log(0.5) + Math.log(0.7)) / 2, Math.log(0.1), NaN]), String(Array.from(rewards)));
});

test('metrics: mean over the scored sequences, the abstained share and the share classified as the target', () => {
  const ctx = testContext();
  const rewards = runNode<Rewards>(style_classifier, { rollouts, classifier }, { target: 'chopin' }, ctx);
  // Sequence 1: mean log-probs (ln .5 + ln .7)/2 = −0.525 for bach, (ln .3 + ln .2)/2 = −1.407 for chopin: bach.
  // Sequence 2: chopin (0.6). So one of the two scored sequences is classified as chopin.
  assert.ok(close(rewards, [(Math.log(0.3) + Math.log(0.2)) / 2, Math.log(0.6), NaN]));
  assert.ok(Math.abs(ctx.metrics.mean - (Math.log(0.3) + Math.log(0.2) + 2 * Math.log(0.6)) / 4) < 1e-6);
  assert.ok(Math.abs(ctx.metrics.abstained - 1 / 3) < 1e-12);
  assert.is(ctx.metrics.classified_as_target, 1 / 2);
});

test('bad inputs: an unknown target, a ragged log-probability row, not a classifier', async () => {
  await new NodeTester(style_classifier).run({
    invalid: [
      {
        inputs: { rollouts, classifier },
        params: { target: 'mozart' },
        messageId: 'unknownTarget',
        data: { target: 'mozart', classes: 'bach, chopin, satie' },
      },
      {
        inputs: { rollouts, classifier: { ...classifier, windowLogProbs: () => [new Float64Array(4)] } },
        params: { target: 'bach' },
        messageId: 'badLogProbs',
      },
      { inputs: { rollouts, classifier: { kind: 'model' } }, params: { target: 'bach' }, messageId: 'notClassifier' },
    ],
  });
});

test.run();
