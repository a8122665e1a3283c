import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Mask } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { advantage_sign } from '../src/nodes/advantage_sign.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

await tf.setBackend('cpu');

test('sequence advantages: whole rows by sign', () => {
  const adv = { kind: 'advantages' as const, level: 'sequence' as const, values: Float32Array.from([1, -1, 0, 2]) };
  assert.equal(rowsOf(runNode<Mask>(advantage_sign, { adv, rollouts }, { sign: 'positive' }), 4), [
    [1, 1, 1, 1],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
  ]);
  assert.equal(rowsOf(runNode<Mask>(advantage_sign, { adv, rollouts }, { sign: 'negative' }), 4), [
    [0, 0, 0, 0],
    [1, 1, 1, 1],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ]);
});

test('token advantages: position by position; no tensor left behind', () => {
  const values = Float32Array.from([0, 1, -1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, -3, 0, 0]);
  const before = tf.memory().numTensors;
  const mask = runNode<Mask>(
    advantage_sign,
    { adv: { kind: 'advantages', level: 'token', values }, rollouts },
    { sign: 'negative' },
  );
  assert.is(tf.memory().numTensors, before);
  assert.equal(rowsOf(mask, 4), [
    [0, 0, 1, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 0, 0],
  ]);
});

test('advantages of other rollouts are a clear error', async () => {
  await new NodeTester(advantage_sign).run({
    invalid: [
      {
        inputs: { adv: { kind: 'advantages', level: 'token', values: new Float32Array(4) }, rollouts },
        messageId: 'advantageCount',
        data: { got: 4, expected: 16, level: 'token', size: 4, length: 4 },
      },
    ],
  });
});

test.run();
