import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { weighted } from '../src/nodes/weighted.js';
import { testContext } from './context.js';
import { close } from './rollouts.js';
import { runNode } from './run-node.js';

const a = Float32Array.from([1, 0, NaN, NaN]);
const b = Float32Array.from([0.5, -1, 2, NaN]);

test('Σ w·r, skipping abstained members; all abstained stays abstained', () => {
  assert.ok(close(runNode(weighted, { a, b }, { weights: [] }, testContext()), [1.5, -1, 2, NaN]));
  assert.ok(close(runNode(weighted, { a, b }, { weights: [2, 0.5] }, testContext()), [2.25, -0.5, 1, NaN]));
});

test('weights must match the connected rewards; lengths must agree', () => {
  assert.throws(() => runNode(weighted, { a, b }, { weights: [1] }, testContext()), /1 weights for 2 rewards/);
  assert.throws(() => runNode(weighted, { a, b: new Float32Array(3) }, { weights: [] }, testContext()), /same sequences \(lengths 4, 3\)/);
});

test.run();
