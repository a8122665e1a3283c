import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { vpCosineNode } from '../src/nodes/vp_cosine.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F64 } from './helpers.js';

test('vp_cosine: α = cos(φ(t))/cos(φ(0)), φ = (t + s)/(1 + s)·π/2, on [t_min, t_max]', () => {
  const s = runNode<NoiseSchedule>(vpCosineNode, {}, { offset: 0.1, t_min: 0.02, t_max: 0.9 });
  assert.equal([s.kind, s.space, s.tMin, s.tMax], ['schedule', 'data', 0.02, 0.9]);
  const phi = (t: number) => ((t + 0.1) / 1.1) * (Math.PI / 2);
  const alpha = Math.cos(phi(0.5)) / Math.cos(phi(0));
  close(s.alpha(0.5), alpha, 8 * F64, 'α(0.5)');
  close(s.sigma(0.5), Math.sqrt(1 - alpha * alpha), 8 * F64, 'σ(0.5)');
  // f = d ln α/dt = −(π/2)/(1 + s)·tan φ, and g² = −2f keeps the variance at 1.
  const f = -(Math.PI / 2 / 1.1) * Math.tan(phi(0.5));
  close(s.sde(0.5).f, f, 8 * F64 * Math.abs(f), 'f');
  close(s.sde(0.5).g2, -2 * f, 8 * F64 * Math.abs(f), 'g²');
  assert.equal(
    s.grid(2),
    [0, 1, 2].map((i) => 0.9 + ((0.02 - 0.9) * i) / 2),
  );
});

test('vp_cosine: defaults s 0.008, t 1e-3..0.99; t_max must stay below 1, where α is 0', () => {
  assert.equal(vpCosineNode.params.parse({}), { offset: 0.008, t_min: 1e-3, t_max: 0.99 });
  assert.throws(() => vpCosineNode.params.parse({ t_max: 1 }));
});

test.run();
