import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards, Task } from '@sous/core';
import { runNode, testContext } from '@sous/core/testing';
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

test('wrong wiring is a clear error', () => {
  assert.throws(
    () => runNode<Rewards>(exact_answer, { rollouts: new Float32Array(2) as never, task }, { correct: 1, wrong: 0 }),
    /expected rollouts .* got an array of numbers/,
  );
});

test.run();
