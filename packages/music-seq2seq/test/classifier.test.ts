import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { BootlegCnn } from '../src/bootleg/cnn.js';
import { bootlegCnn } from '../src/nodes/bootleg_cnn.js';
import { classifierNll } from '../src/nodes/classifier_nll.js';
import { classifierAccuracy } from '../src/nodes/classifier_accuracy.js';
import { imageBatch } from '../src/nodes/image_batch.js';
import type { Images } from '../src/style-port-types.js';

const options = { height: 5, width: 4, classes: 3, filters: 2, kernelHeight: 3, kernelWidth: 2, hidden: 4 };

function imagesOf(count: number, labels: number[], seed = 'images'): Images {
  const rng = new Rng(seed);
  return {
    kind: 'images',
    count,
    height: 5,
    width: 4,
    pixels: Float32Array.from({ length: count * 20 }, () => (rng.uniform() < 0.3 ? 1 : 0)),
    labels: Int32Array.from(labels),
    classes: ['a', 'b', 'c'],
  };
}

test('the im2col convolution equals tf.conv2d with valid padding', () => {
  const cnn = new BootlegCnn(options, new Rng('cnn'));
  const images = imagesOf(2, [0, 1]);
  const ours = cnn.convolve(images.pixels, 2).arraySync();
  const weight = cnn.namedVariables().get('conv.weight')!; // [k_h · k_w, filters], row = i · k_w + j
  const bias = cnn.namedVariables().get('conv.bias')!;
  const kernel = tf.reshape(weight, [3, 2, 1, 2]) as tf.Tensor4D;
  const input = tf.tensor4d(images.pixels, [2, 5, 4, 1]);
  const theirs = tf.add(tf.conv2d(input, kernel, 1, 'valid'), bias).arraySync() as number[][][][];
  assert.equal([ours.length, ours[0].length, ours[0][0].length, ours[0][0][0].length], [2, 3, 3, 2]);
  ours.flat(3).forEach((value, i) => assert.ok(Math.abs(value - theirs.flat(3)[i]) < 1e-5));
  assert.is(cnn.size, 3 * 2 * 2 + 2 + 2 * 4 + 4 + 4 * 3 + 3);
});

test('classifier_nll is the mean −log softmax of the label, computed in float64 from the logits', () => {
  const model = new BootlegCnn(options, new Rng('cnn'));
  const batch = imagesOf(3, [0, 2, 1]);
  const logits = model.logits(batch.pixels, 3).arraySync();
  const expected =
    logits.reduce((sum, row, i) => {
      const logSumExp = Math.log(row.reduce((s, z) => s + Math.exp(z), 0));
      return sum + logSumExp - row[batch.labels[i]];
    }, 0) / 3;
  const loss = runNode<tf.Scalar>(classifierNll, { model, batch }).dataSync()[0];
  assert.ok(Math.abs(loss - expected) < 1e-5, `${loss} vs ${expected}`);
});

test('classifier_accuracy: the share of argmax hits, whatever the forward batch size', () => {
  const model = new BootlegCnn(options, new Rng('cnn'));
  const images = imagesOf(5, [0, 0, 0, 0, 0]);
  const predicted = Array.from(tf.argMax(model.logits(images.pixels, 5), 1).dataSync());
  const labelled = { ...images, labels: Int32Array.from(predicted, (p, i) => (i < 3 ? p : (p + 1) % 3)) };
  const metrics = runNode<{ accuracy: number; nll: number }>(
    classifierAccuracy,
    { model, images: labelled },
    { batch: 2 },
  );
  assert.is(metrics.accuracy, 3 / 5);
  const whole = runNode<{ nll: number }>(classifierAccuracy, { model, images: labelled }, { batch: 5 });
  assert.ok(Math.abs(metrics.nll - whole.nll) < 1e-5);
});

test('a few Adam steps on the loss fit a small batch (the gradient reaches every weight)', () => {
  const model = new BootlegCnn(options, new Rng('fit'));
  const batch = imagesOf(6, [0, 1, 2, 0, 1, 2], 'fit');
  const optimizer = tf.train.adam(0.05);
  const variables = [...model.namedVariables().values()];
  const loss = () => runNode<tf.Scalar>(classifierNll, { model, batch });
  const before = loss().dataSync()[0];
  const { grads } = tf.variableGrads(loss, variables);
  for (const variable of variables) assert.ok(tf.any(tf.notEqual(grads[variable.name], 0)).dataSync()[0] === 1);
  for (let step = 0; step < 60; step++) optimizer.minimize(loss, false, variables);
  assert.ok(loss().dataSync()[0] < before / 2, `${before} → ${loss().dataSync()[0]}`);
});

test('image_batch draws whole images with their labels', () => {
  const images = imagesOf(4, [0, 1, 2, 1]);
  const batch = runNode<Images>(imageBatch, { images }, { size: 7 });
  assert.is(batch.count, 7);
  for (let i = 0; i < 7; i++) {
    const row = batch.pixels.subarray(i * 20, (i + 1) * 20);
    const source = [0, 1, 2, 3].find((j) => images.pixels.subarray(j * 20, (j + 1) * 20).every((v, k) => v === row[k]));
    assert.ok(source !== undefined && images.labels[source] === batch.labels[i]);
  }
});

test('bad inputs: another model, images of another size or class count, an empty set, a kernel too large', async () => {
  const model = runNode(bootlegCnn, {}, { classes: 3, height: 5, width: 4, kernel: [3, 2], filters: 2, hidden: 4 });
  await new NodeTester(classifierNll).run({
    invalid: [
      { inputs: { model: { kind: 'model' }, batch: imagesOf(1, [0]) }, messageId: 'notClassifier' },
      { inputs: { model, batch: { ...imagesOf(1, [0]), width: 6 } }, messageId: 'imageSize' },
      { inputs: { model, batch: { ...imagesOf(1, [0]), classes: ['a', 'b'] } }, messageId: 'classCount' },
      { inputs: { model, batch: { ...imagesOf(0, []) } }, messageId: 'noImages' },
    ],
  });
  await new NodeTester(bootlegCnn).run({
    invalid: [{ params: { classes: 3, height: 5, width: 4, kernel: [9, 3] }, messageId: 'kernelTooLarge' }],
  });
  await new NodeTester(imageBatch).run({ invalid: [{ inputs: { images: imagesOf(0, []) }, messageId: 'emptySet' }] });
});

test.run();
