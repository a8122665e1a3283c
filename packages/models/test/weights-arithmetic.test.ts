import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SousError, tf } from '@sous/core';
import { addTaskVectors, taskVector, weightedMerge } from '../src/weights/arithmetic.js';
import { layoutMismatch } from '../src/weights/weight-map.js';
import { assertClose, plain, weightMap } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const pre = weightMap({
  w: [
    [1, 2],
    [3, 4],
  ],
  b: [0.5, -1],
});
const ft = weightMap({
  w: [
    [1.5, 2],
    [1, 4],
  ],
  b: [0.5, 0],
});
const other = weightMap({
  w: [
    [0, 1],
    [1, 0],
  ],
  b: [2, 2],
});

function close(actual: Record<string, number[]>, expected: Record<string, number[]>): void {
  assert.equal(Object.keys(actual), Object.keys(expected));
  for (const name of Object.keys(expected)) assertClose(actual[name], expected[name], 1e-6, name);
}

test('task vector: θ_ft − θ_pre weight by weight', () => {
  close(plain(taskVector(pre, ft)), { w: [0.5, 0, -2, 0], b: [0, 1] });
});

test('weighted merge: Σ wᵢ θᵢ, by hand', () => {
  // 0.25·pre + 0.75·other
  close(plain(weightedMerge([pre, other], [0.25, 0.75])), {
    w: [0.25, 0.5 + 0.75, 0.75 + 0.75, 1],
    b: [0.125 + 1.5, -0.25 + 1.5],
  });
  assert.throws(() => weightedMerge([pre, other], [1]), /2 models but 1 weights/);
});

test('task arithmetic: θ_pre + Σ λᵢ τᵢ; λ = 1 gives θ_ft back, λ = −1 negates the task', () => {
  const tau = taskVector(pre, ft);
  const tau2 = taskVector(pre, other);
  close(plain(addTaskVectors(pre, [tau], [1])), plain(ft));
  close(plain(addTaskVectors(pre, [tau], [-1])), { w: [0.5, 2, 5, 4], b: [0.5, -2] });
  // pre + 0.5 τ1 − 2 τ2, with τ2 = other − pre = {w: [-1,-1,-2,-4], b: [1.5, 3]}
  close(plain(addTaskVectors(pre, [tau, tau2], [0.5, -2])), {
    w: [1 + 0.25 + 2, 2 + 0 + 2, 3 - 1 + 4, 4 + 0 + 8],
    b: [0.5 + 0 - 3, -1 + 0.5 - 6],
  });
});

test('layouts must match: the error names the weight', () => {
  const wrongShape = weightMap({
    w: [
      [1, 2, 3],
      [3, 4, 5],
    ],
    b: [0, 0],
  });
  const missing = weightMap({
    w: [
      [1, 2],
      [3, 4],
    ],
  });
  const extra = weightMap({
    w: [
      [1, 2],
      [3, 4],
    ],
    b: [0, 0],
    c: [1],
  });
  assert.equal(layoutMismatch(pre, wrongShape), {
    weight: 'w',
    problem: 'has shape [2,2] in the first model and [2,3] in the second',
  });
  assert.equal(layoutMismatch(pre, missing), { weight: 'b', problem: 'is missing from the second model' });
  assert.equal(layoutMismatch(pre, extra), { weight: 'c', problem: 'is only in the second model' });
  assert.is(layoutMismatch(pre, ft), undefined);
  assert.throws(
    () => taskVector(pre, wrongShape),
    (e: unknown) =>
      e instanceof SousError && e.message === 'weight "w" has shape [2,2] in the first model and [2,3] in the second',
  );
});

test.run();
