import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { graftWeights, learnGraftMask, maskJaccard, movementMask, topFractionMask } from '../src/weights/graft.js';
import { assertClose, plain, weightMap } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('graft: fine-tuned values under the mask, pretrained ones elsewhere; a real γ interpolates', () => {
  const pre = weightMap({ w: [1, 2, 3], b: [4] });
  const ft = weightMap({ w: [10, 20, 30], b: [40] });
  assert.equal(plain(graftWeights(pre, ft, weightMap({ w: [1, 0, 1], b: [0] }))), { w: [10, 2, 30], b: [4] });
  assertClose(plain(graftWeights(pre, ft, weightMap({ w: [0.5, 0, 0], b: [0.25] }))).b, [4 + 0.25 * 36], 1e-6);
});

test('top-fraction mask: ⌈s·P⌉ largest over all weights together, ties by position', () => {
  const scores = weightMap({ w: [0.1, 5, -3], b: [5, 2] });
  assert.equal(plain(topFractionMask(scores, 0.4)), { w: [0, 1, 0], b: [1, 0] });
  assert.equal(plain(topFractionMask(scores, 0.5)), { w: [0, 1, 0], b: [1, 1] });
  assert.equal(plain(topFractionMask(scores, 0.2)), { w: [0, 1, 0], b: [0, 0] });
  assert.throws(() => topFractionMask(scores, 0), /fraction must be in \(0, 1\]/);
});

test('movement mask: the largest |θ_ft − θ_pre|', () => {
  const pre = weightMap({ w: [0, 0, 0], b: [1] });
  const ft = weightMap({ w: [0.5, -2, 0.1], b: [0] });
  assert.equal(plain(movementMask(pre, ft, 0.5)), { w: [0, 1, 0], b: [1] });
});

test('Jaccard overlap of masks, by hand', () => {
  const a = weightMap({ w: [1, 1, 0, 0], b: [1] });
  const b = weightMap({ w: [0, 1, 1, 0], b: [1] });
  assert.is(maskJaccard(a, b), 2 / 4);
  assert.is(maskJaccard(a, a), 1);
  assert.is(maskJaccard(weightMap({ w: [1, 0] }), weightMap({ w: [0, 1] })), 0);
  assert.is(maskJaccard(weightMap({ w: [0, 0] }), weightMap({ w: [0, 0] })), 1);
});

test('the relaxed graft: gradient in the scores S is L′(θ) ⊙ τ ⊙ σ(S)(1 − σ(S)) (float64 by hand)', () => {
  const pre = weightMap({ w: [0.2, -1, 0.5] });
  const ft = weightMap({ w: [1.2, 0.5, -0.5] });
  const target = [1, 0, 0];
  const s = [0.3, -1.2, 2];
  const grad = tf.grad((scores: tf.Tensor) => {
    const theta = graftWeights(pre, ft, new Map([['w', tf.sigmoid(scores)]])).get('w')!;
    return tf.sum(tf.square(tf.sub(theta, tf.tensor(target))));
  })(tf.tensor(s));
  const preV = [0.2, -1, 0.5];
  const tau = [1, 1.5, -1];
  const expected = s.map((si, i) => {
    const g = 1 / (1 + Math.exp(-si));
    return 2 * (preV[i] + g * tau[i] - target[i]) * tau[i] * g * (1 - g);
  });
  assertClose(grad.dataSync(), expected, 1e-5, 'dL/dS');
});

test('learned mask: leaves out the coordinate that moved most but hurts the task (movement alone keeps it)', () => {
  const pre = weightMap({ w: [0, 0, 0, 0] });
  const ft = weightMap({ w: [5, 1, 0.5, 1] });
  // The task wants the fine-tuned values on coordinates 1 and 3 and the pretrained one on 0.
  const target = tf.tensor([0, 1, 0, 1]);
  const objective = (weights: Map<string, tf.Tensor>) =>
    tf.sum(tf.square(tf.sub(weights.get('w')!, target))) as tf.Scalar;
  assert.equal(plain(movementMask(pre, ft, 0.5)), { w: [1, 1, 0, 0] });
  const { mask, losses } = learnGraftMask({
    pretrained: pre,
    finetuned: ft,
    objective,
    fraction: 0.5,
    steps: 150,
    learningRate: 0.1,
    initialScore: 3,
  });
  assert.equal(plain(mask), { w: [0, 1, 0, 1] });
  assert.ok(losses[losses.length - 1] < losses[0] / 10, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
});

test.run();
