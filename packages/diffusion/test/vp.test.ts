import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { vp } from '../src/nodes/vp.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F64 } from './helpers.js';

test('vp: α = exp(−½(β_min t + ½(β_max − β_min)t²)), σ = √(1 − α²), on [t_min, 1]', () => {
  const s = runNode<NoiseSchedule>(vp, {}, { beta_min: 0.5, beta_max: 10, t_min: 0.01 });
  assert.equal([s.kind, s.space, s.tMin, s.tMax], ['schedule', 'data', 0.01, 1]);
  const alpha = Math.exp(-0.5 * (0.5 * 0.4 + 0.5 * 9.5 * 0.16)); // t = 0.4
  close(s.alpha(0.4), alpha, 8 * F64 * alpha, 'α(0.4)');
  close(s.sigma(0.4), Math.sqrt(1 - alpha * alpha), 8 * F64, 'σ(0.4)');
  assert.is(s.shift(0.4), 0);
  assert.equal(s.sde(0.4), { f: -0.5 * (0.5 + 0.4 * 9.5), c: 0, g2: 0.5 + 0.4 * 9.5 });
  assert.equal(
    s.grid(3),
    [0, 1, 2, 3].map((i) => 1 + ((0.01 - 1) * i) / 3),
  ); // evenly spaced from 1 down to t_min
});

test('vp: defaults β 0.1..20, t_min 1e-3; bad values are rejected', () => {
  assert.equal(vp.params.parse({}), { beta_min: 0.1, beta_max: 20, t_min: 1e-3 });
  assert.throws(() => vp.params.parse({ t_min: 0.6 }));
  assert.throws(() => vp.params.parse({ beta_min: 0 }));
});

test.run();
