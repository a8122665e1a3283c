import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeTester, runNode } from '@sous/core/testing';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { modeCoverage } from '../src/nodes/mode_coverage.js';
import { twoMoons } from '../src/nodes/two_moons.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';

// Two modes at (±2, 0) with std 0.2: "near" means squared Mahalanobis distance ≤ 9·2 = 18, i.e. within 0.2·√18 ≈ 0.849 of the mode.
const data = runNode<Distribution>(
  gaussianMixture,
  {},
  { components: 2, radius: 2, std: 0.2, train_size: 4, test_size: 4 },
);
const rows = (xs: number[]) => makePoints(Float32Array.from(xs.flatMap((x) => [x, 0])), 2);

test('mode_coverage: a mode is covered from a quarter of its expected share, ½·¼·n samples', () => {
  // n = 8: mode (−2, 0) needs ≥ 1 sample and has exactly 1 (the boundary counts).
  assert.equal(runNode(modeCoverage, { samples: rows([2, 2, 2, 2, 2, 2, 2, -2]), data }), {
    modes_covered: 2,
    modes: 2,
    near_mode: 1,
  });
  // n = 9 (a far point added): it needs 1.125, so one sample no longer covers it.
  assert.equal(runNode(modeCoverage, { samples: rows([2, 2, 2, 2, 2, 2, 2, -2, 40]), data }), {
    modes_covered: 1,
    modes: 2,
    near_mode: 8 / 9,
  });
});

test('mode_coverage: near_mode counts samples within 3 standard deviations per dimension', () => {
  // 0.84 from the mode is inside (Mahalanobis² 17.64), 0.86 outside (18.49).
  assert.equal(runNode(modeCoverage, { samples: rows([2 - 0.84, -2 + 0.86, 0]), data }), {
    modes_covered: 1,
    modes: 2,
    near_mode: 1 / 3,
  });
});

test('mode_coverage needs the exact mixture', async () => {
  const moons = runNode<Distribution>(twoMoons, {}, { train_size: 4, test_size: 4 });
  await new NodeTester(modeCoverage).run({
    invalid: [
      {
        inputs: { samples: makePoints(Float32Array.of(0, 0), 2), data: moons },
        messageId: 'noMixture',
        data: { name: 'two_moons' },
      },
    ],
  });
});

test.run();
