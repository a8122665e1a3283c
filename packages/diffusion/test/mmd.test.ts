import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeTester, runNode } from '@sous/core/testing';
import { mmd } from '../src/nodes/mmd.js';
import { makePoints } from '../src/points.js';
import { close, F64, fixedDistribution } from './helpers.js';

// Test split {0, 1}; fresh ground-truth draws {0, 1}; samples {2, 3}. With k(d) = exp(−d²/(2h²)) of the distance d,
// the unbiased estimate (within a set, i ≠ j: the one other point) is
//   MMD²(samples, test) = k(1) + k(1) − 2·¼(k(2) + k(3) + k(1) + k(2)),
//   MMD²(fresh, test)   = k(1) + k(1) − 2·¼(k(0) + k(1) + k(1) + k(0)) = k(1) − 1 < 0, reported as 0.
const data = fixedDistribution([0, 1], [0, 1]);
const samples = makePoints(Float32Array.of(2, 3), 1);
const k = (d: number, h: number) => Math.exp(-(d * d) / (2 * h * h));
const expected = (h: number) => Math.sqrt(2 * k(1, h) - 0.5 * (k(2, h) + k(3, h) + k(1, h) + k(2, h)));

test('mmd with a given bandwidth: the unbiased estimate against the test split, and the truth floor', () => {
  const metrics = runNode<Record<string, number>>(mmd, { samples, data }, { bandwidth: 2 });
  close(metrics.mmd, expected(2), 16 * F64, 'mmd');
  assert.is(metrics.mmd_truth, 0); // its MMD² is negative: clamped before the root
});

test('mmd bandwidth 0: the median pairwise distance of test and fresh points, {0, 1, 0, 1} → 1', () => {
  const metrics = runNode<Record<string, number>>(mmd, { samples, data }, { bandwidth: 0 });
  close(metrics.mmd, expected(1), 16 * F64, 'mmd at h = 1');
  assert.ok(Math.abs(expected(1) - expected(2)) > 0.1); // the bandwidth matters at these points
});

test('mmd: samples of another dimension are an error', async () => {
  await new NodeTester(mmd).run({
    invalid: [
      {
        inputs: { samples: makePoints(Float32Array.of(0, 0), 2), data },
        messageId: 'pointsDim',
        data: { got: 2, want: 1 },
      },
    ],
  });
});

test.run();
