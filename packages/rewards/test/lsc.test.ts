import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { lsc } from '../src/nodes/lsc.js';
import { logSigmoid } from '../src/lib/log-sigmoid.js';
import { close, rolloutsOf } from './rollouts.js';

test('log σ is stable at both ends', () => {
  assert.ok(Math.abs(logSigmoid(0) - Math.log(0.5)) < 1e-15);
  assert.ok(Math.abs(logSigmoid(2) - Math.log(1 / (1 + Math.exp(-2)))) < 1e-15);
  assert.is(logSigmoid(-800), -800);
  assert.ok(logSigmoid(800) === 0 || Math.abs(logSigmoid(800)) < 1e-300);
});

test('constant reference: log σ(r − value)', () => {
  const reward = Float32Array.from([0, 1, -2, NaN]);
  const out = runNode<Rewards>(lsc, { reward }, { reference: 'constant', value: 1 });
  assert.ok(close(out, [logSigmoid(-1), logSigmoid(0), logSigmoid(-3), NaN]));
});

test('group quantile reference (linear interpolation) per group', () => {
  const rollouts = rolloutsOf(['', '', '', '', '', ''], '', { groupSize: 3 });
  const reward = Float32Array.from([0, 1, 2, 10, 10, 10]);
  // Group 0: 0.5-quantile of (0, 1, 2) is 1; group 1: 10.
  const out = runNode<Rewards>(lsc, { reward, rollouts }, { quantile: 0.5 });
  assert.ok(close(out, [logSigmoid(-1), logSigmoid(0), logSigmoid(1), logSigmoid(0), logSigmoid(0), logSigmoid(0)]));
  // 0.75-quantile of (0, 1, 2): position 1.5 → 1.5.
  const upper = runNode<Rewards>(lsc, { reward, rollouts }, { quantile: 0.75 });
  assert.ok(close(upper.subarray(0, 3), [logSigmoid(-1.5), logSigmoid(-0.5), logSigmoid(0.5)]));
});

test('group quantile without rollouts is a clear error', async () => {
  await new NodeTester(lsc).run({ invalid: [{ inputs: { reward: new Float32Array(2) }, messageId: 'needsRollouts' }] });
});

test.run();
