import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { gbmNode } from '../src/nodes/gbm.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F64 } from './helpers.js';

test('gbm: on log x, α = 1, b(t) = (μ − σ²/2)t, σ(t) = σ√t; the drift is the constant c = μ − σ²/2', () => {
  const s = runNode<NoiseSchedule>(gbmNode, {}, { mu: 0.5, sigma: 2, t_min: 0.01, t_max: 3 });
  assert.equal([s.kind, s.space, s.tMin, s.tMax, s.alpha(2)], ['schedule', 'log', 0.01, 3, 1]);
  assert.is(s.shift(2), (0.5 - 2) * 2);
  close(s.sigma(2), 2 * Math.SQRT2, 8 * F64 * 2 * Math.SQRT2, 'σ(2)');
  assert.equal(s.sde(2), { f: 0, c: 0.5 - 2, g2: 4 });
  assert.equal(
    s.grid(2),
    [0, 1, 2].map((i) => 3 + ((0.01 - 3) * i) / 2),
  );
});

test('gbm: defaults μ 0, σ 1, t 1e-3..4', () => {
  assert.equal(gbmNode.params.parse({}), { mu: 0, sigma: 1, t_min: 1e-3, t_max: 4 });
  assert.throws(() => gbmNode.params.parse({ sigma: -1 }));
});

test.run();
