import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards, Task } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { exact_answer } from '../src/nodes/exact_answer.js';
import { rolloutsOf } from './rollouts.js';

const task = {
  kind: 'task',
  verify: (completion: string, example: { answer: string }) => completion.trim() === example.answer,
} as unknown as Task;
const rollouts = rolloutsOf(['46', '45', ' 46 ', ''], '46');

test('the task verifier decides; correct and wrong values are parameters', () => {
  const ctx = testContext();
  assert.equal(
    Array.from(runNode<Rewards>(exact_answer, { rollouts, task }, { correct: 1, wrong: 0 }, ctx)),
    [1, 0, 1, 0],
  );
  assert.is(ctx.metrics.mean, 0.5);
  assert.equal(
    Array.from(runNode<Rewards>(exact_answer, { rollouts, task }, { correct: 1, wrong: -1 })),
    [1, -1, 1, -1],
  );
});

test('wrong wiring is a clear error', async () => {
  await new NodeTester(exact_answer).run({
    invalid: [
      {
        inputs: { rollouts: new Float32Array(2), task },
        messageId: 'notRollouts',
        data: { got: 'an array of numbers (rewards?)' },
      },
      { inputs: { rollouts: { kind: 'batch' }, task }, messageId: 'notRollouts', data: { got: 'a batch' } },
    ],
  });
});

test.run();
