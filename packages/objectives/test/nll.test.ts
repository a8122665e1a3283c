import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Batch } from '@sous/core';
import { BigramModel, NodeTester, testContext } from '@sous/core/testing';
import { nll } from '../src/nodes/nll.js';

// Vocabulary: 0 pad, 1 bos, 2 eos, 3 "a".
const { log } = Math;
const table = [
  [0.3, -1, 2, 0.5], // after pad: never a target (masked)
  [0, 0, 0, log(3)], // after bos: p(a) = 3/6
  [1, 2, 3, 4], // after eos: never a target
  [0, 0, log(2), log(5)], // after a: p(eos) = 2/9, p(a) = 5/9
];
// Row 0: bos a eos pad (prompt "", answer "a"); row 1: bos a a eos (prompt "a", answer "a").
const batch: Batch = {
  kind: 'batch',
  size: 2,
  length: 4,
  tokens: Int32Array.from([1, 3, 2, 0, 1, 3, 3, 2]),
  targetMask: Float32Array.from([0, 1, 1, 0, 0, 0, 1, 1]),
  examples: [
    { prompt: '', answer: 'a' },
    { prompt: 'a', answer: 'a' },
  ],
};
// Targets: a|bos, eos|a (row 0); a|a, eos|a (row 1).
const expected = (log(2) + log(9 / 2) + log(9 / 5) + log(9 / 2)) / 4;

test.before(async () => {
  await tf.setBackend('cpu');
});

const lossOf = (model: BigramModel, data = batch) =>
  tf.tidy(() => (nll.run({ policy: model, batch: data }, {}, testContext()) as tf.Scalar).dataSync()[0]);

test('token-mean of −log p over the target positions, by hand', () => {
  const model = new BigramModel(table);
  assert.ok(Math.abs(lossOf(model) - expected) < 1e-5, `${lossOf(model)} vs ${expected}`);
  model.dispose();
});

test('uniform logits give log(vocab) whatever the tokens', () => {
  const model = new BigramModel(Array.from({ length: 4 }, () => [0, 0, 0, 0]));
  assert.ok(Math.abs(lossOf(model) - log(4)) < 1e-6);
  model.dispose();
});

test('gradient matches central finite differences', () => {
  const model = new BigramModel(table);
  const { grads, value } = tf.variableGrads(() => nll.run({ policy: model, batch }, {}, testContext()) as tf.Scalar);
  const analytic = grads[model.table.name].arraySync() as number[][];
  value.dispose();
  Object.values(grads).forEach((grad) => grad.dispose());
  const epsilon = 1e-2;
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      const shifted = (delta: number) => {
        const values = table.map((line) => [...line]);
        values[row][column] += delta;
        const probe = new BigramModel(values);
        const loss = lossOf(probe);
        probe.dispose();
        return loss;
      };
      const numeric = (shifted(epsilon) - shifted(-epsilon)) / (2 * epsilon);
      assert.ok(
        Math.abs(analytic[row][column] - numeric) < 1e-3,
        `d/d table[${row}][${column}]: ${analytic[row][column]} vs ${numeric}`,
      );
    }
  }
  // Rows after pad and eos predict no target: their gradient is exactly zero.
  assert.equal(analytic[0], [0, 0, 0, 0]);
  assert.equal(analytic[2], [0, 0, 0, 0]);
  model.dispose();
});

test('leaves no tensor behind, inside tidy or under variableGrads', () => {
  const model = new BigramModel(table);
  const before = tf.memory().numTensors;
  lossOf(model);
  const { value, grads } = tf.variableGrads(() => nll.run({ policy: model, batch }, {}, testContext()) as tf.Scalar);
  tf.dispose([value, ...Object.values(grads)]);
  assert.is(tf.memory().numTensors, before);
  model.dispose();
});

test('a model that is not a language model, or too short a context, is a clear error', async () => {
  const short = new BigramModel(table, { contextLength: 2 });
  await new NodeTester(nll).run({
    invalid: [
      { inputs: { policy: { kind: 'model' }, batch }, messageId: 'notLanguageModel', data: { port: 'policy' } },
      {
        inputs: { policy: short, batch },
        messageId: 'batchContext',
        data: { rowLength: 4, needed: 3, context: 2 },
      },
    ],
  });
  short.dispose();
});

test.run();
