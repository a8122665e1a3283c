import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Task } from '@sous/core';
import { exact_answer } from '../src/nodes/exact_answer.js';
import { testContext } from './context.js';
import { rolloutsOf } from './rollouts.js';
import { runNode } from './run-node.js';

const task = { kind: 'task', verify: (completion: string, example: { answer: string }) => completion.trim() === example.answer } as unknown as Task;
const rollouts = rolloutsOf(['46', '45', ' 46 ', ''], '46');

test('the task verifier decides; correct and wrong values are parameters', () => {
  const metrics: Record<string, number> = {};
  assert.equal(Array.from(runNode(exact_answer, { rollouts, task }, { correct: 1, wrong: 0 }, testContext(metrics))), [1, 0, 1, 0]);
  assert.is(metrics.mean, 0.5);
  assert.equal(Array.from(runNode(exact_answer, { rollouts, task }, { correct: 1, wrong: -1 }, testContext())), [1, -1, 1, -1]);
});

test('wrong wiring is a clear error', () => {
  assert.throws(() => runNode(exact_answer, { rollouts: new Float32Array(2) as never, task }, { correct: 1, wrong: 0 }, testContext()), /expected rollouts .* got an array of numbers/);
});

test.run();
