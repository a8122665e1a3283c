import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { edmNode } from '../src/nodes/edm.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F64 } from './helpers.js';

test('edm: time is σ on [σ_min, σ_max], α = 1, g² = 2σ; the grid follows the ρ formula', () => {
  const s = runNode<NoiseSchedule>(edmNode, {}, { sigma_min: 0.01, sigma_max: 16, rho: 2 });
  assert.equal(
    [s.kind, s.space, s.tMin, s.tMax, s.alpha(3), s.sigma(3), s.shift(3)],
    ['schedule', 'data', 0.01, 16, 1, 3, 0],
  );
  assert.equal(s.sde(3), { f: 0, c: 0, g2: 6 });
  // ρ = 2: σ_i = (4 + i/2·(0.1 − 4))², i = 0, 1, 2.
  const grid = s.grid(2);
  [16, (4 + 0.5 * (0.1 - 4)) ** 2, 0.01].forEach((sigma, i) => close(grid[i], sigma, 16 * F64 * sigma, `σ_${i}`));
});

test('edm: training draws ln σ ~ N(p_mean, p_std²), clipped to [σ_min, σ_max] on both sides', () => {
  const times = (p_mean: number) => [
    ...runNode<NoiseSchedule>(edmNode, {}, { sigma_min: 0.01, sigma_max: 16, p_mean, p_std: 0.5 }).trainTimes(
      3,
      new Rng('t'),
    ),
  ];
  const normals = new Rng('t');
  assert.equal(
    times(0),
    [0, 0, 0].map(() => Math.exp(0.5 * normals.normal())),
  );
  assert.equal(times(20), [16, 16, 16]); // e^{20 ± a few} > σ_max
  assert.equal(times(-20), [0.01, 0.01, 0.01]);
});

test('edm: defaults of Karras et al. (σ 0.002..80, ρ 7, ln σ ~ N(−1.2, 1.2²))', () => {
  assert.equal(edmNode.params.parse({}), { sigma_min: 0.002, sigma_max: 80, rho: 7, p_mean: -1.2, p_std: 1.2 });
  assert.throws(() => edmNode.params.parse({ rho: 0 }));
});

test.run();
