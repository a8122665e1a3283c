import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vpCosine, vpLinear } from '../src/schedules/vp.js';
import { edm, gbm, ve } from '../src/schedules/ve.js';
import { timeAtNoiseRatio, type NoiseSchedule } from '../src/schedules/schedule.js';
import { close } from './helpers.js';

const schedules: NoiseSchedule[] = [
  vpLinear(0.1, 20, 1e-3),
  vpCosine(0.008, 1e-3, 0.99),
  ve(0.01, 10),
  edm({ sigmaMin: 0.002, sigmaMax: 80, rho: 7, pMean: -1.2, pStd: 1.2 }),
  gbm(0.3, 1, 1e-3, 4),
];

test('SDE coefficients match the marginals: f = d ln α/dt, g² = dσ²/dt − 2fσ², c = db/dt − f b', () => {
  for (const s of schedules) {
    for (const u of [0.2, 0.5, 0.8]) {
      const t = s.tMin + u * (s.tMax - s.tMin),
        h = 1e-5 * (s.tMax - s.tMin);
      const d = (fn: (t: number) => number) => (fn(t + h) - fn(t - h)) / (2 * h);
      const { f, c, g2 } = s.sde(t);
      close(
        f,
        d((x) => Math.log(s.alpha(x))),
        1e-4 * (1 + Math.abs(f)),
        `${s.name} f`,
      );
      close(g2, d((x) => s.sigma(x) ** 2) - 2 * f * s.sigma(t) ** 2, 1e-4 * (1 + g2), `${s.name} g²`);
      close(c, d(s.shift) - f * s.shift(t), 1e-6, `${s.name} c`);
    }
  }
});

test('VP processes preserve variance; the linear one matches its closed form', () => {
  const linear = vpLinear(0.1, 20, 1e-3);
  close(linear.alpha(0.5), Math.exp(-0.5 * (0.1 * 0.5 + 0.5 * 19.9 * 0.25)), 1e-12, 'α(½)');
  for (const s of schedules.slice(0, 2))
    for (const t of [0.1, 0.5, 0.9]) close(s.alpha(t) ** 2 + s.sigma(t) ** 2, 1, 1e-9, s.name);
});

test("grids run from tMax to tMin; EDM's follows the ρ formula", () => {
  const schedule = edm({ sigmaMin: 0.002, sigmaMax: 80, rho: 7, pMean: -1.2, pStd: 1.2 });
  const grid = schedule.grid(4);
  close(grid[0], 80, 1e-9, 'first');
  close(grid[4], 0.002, 1e-12, 'last');
  close(grid[2], ((80 ** (1 / 7) + 0.002 ** (1 / 7)) / 2) ** 7, 1e-9, 'middle');
  vpLinear(0.1, 20, 1e-3)
    .grid(2)
    .forEach((t, i) => close(t, [1, 0.5005, 1e-3][i], 1e-12, 'vp grid'));
});

test('training times stay in range', () => {
  for (const s of schedules) {
    const times = s.trainTimes(
      500,
      new (class {
        i = 0;
        uniform() {
          return (this.i++ % 100) / 100;
        }
        normal() {
          return (this.i++ % 7) - 3;
        }
      })() as never,
    );
    assert.ok(
      times.every((t) => t >= s.tMin && t <= s.tMax),
      s.name,
    );
  }
});

test('timeAtNoiseRatio inverts σ/α', () => {
  const s = vpLinear(0.1, 20, 1e-3);
  const t = timeAtNoiseRatio(s, 1);
  close(s.sigma(t) / s.alpha(t), 1, 1e-6, 'σ/α');
});

test.run();
