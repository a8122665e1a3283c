import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { veNode } from '../src/nodes/ve.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F64 } from './helpers.js';

test('ve: α = 1, σ(t) = σ_min(σ_max/σ_min)^t on [0, 1], g² = 2σ² ln(σ_max/σ_min)', () => {
  const s = runNode<NoiseSchedule>(veNode, {}, { sigma_min: 0.01, sigma_max: 100 });
  assert.equal([s.kind, s.space, s.tMin, s.tMax, s.alpha(0.3), s.shift(0.3)], ['schedule', 'data', 0, 1, 1, 0]);
  close(s.sigma(0.5), 1, 8 * F64, 'σ(½) = √(σ_min σ_max)');
  close(s.sigma(0.25), 0.1, 8 * F64 * 0.1, 'σ(¼)');
  close(s.sde(0.5).g2, 2 * Math.log(1e4), 16 * F64 * 2 * Math.log(1e4), 'g²(½)');
  assert.equal(s.grid(2), [1, 0.5, 0]);
});

test('ve: defaults σ 0.01..10; σ must be positive', () => {
  assert.equal(veNode.params.parse({}), { sigma_min: 0.01, sigma_max: 10 });
  assert.throws(() => veNode.params.parse({ sigma_min: 0 }));
});

test.run();
