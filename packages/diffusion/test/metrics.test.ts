import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { mixtureComponents } from '../src/data/layouts.js';
import { classAccuracy, modeCoverage } from '../src/metrics/coverage.js';
import { mmd } from '../src/metrics/mmd.js';
import { randomDirections, slicedWasserstein, squaredW2Sorted } from '../src/metrics/sliced-wasserstein.js';
import { close } from './helpers.js';

test('1-D W2 of a shifted set is the shift; sliced W2 of a shift δ is |δ|/√d in expectation', () => {
  close(squaredW2Sorted(Float64Array.of(0, 1, 2), Float64Array.of(0.5, 1.5, 2.5)), 0.25, 1e-12, 'W2²');
  const a = Float32Array.from({ length: 200 }, (_, i) => i % 7),
    b = a.map((v, i) => (i % 2 === 0 ? v + 3 : v));
  const shifted = Float32Array.from(a).map((v, i) => (i % 2 === 0 ? v + 3 : v + 4)); // rows (x, y) shifted by (3, 4)
  const directions = randomDirections(4000, 2, new Rng('dirs'));
  // SW² is the mean of (θ·δ)² = 25 cos²φ over the directions: variance 625/8 per direction, and SW = √SW² halves the relative error.
  close(
    slicedWasserstein(a, shifted, 2, directions),
    5 / Math.SQRT2,
    (5 * Math.sqrt(625 / 8 / 4000)) / (2 * (5 / Math.SQRT2)),
    'SW',
  );
  assert.ok(slicedWasserstein(a, a, 2, directions) === 0 && slicedWasserstein(a, b, 2, directions) > 0);
});

test('MMD: zero for identical distributions in expectation, hand value for two points', () => {
  // X = {0}, Y = {1} ... unbiased terms need two points: X = {0, 0}, Y = {1, 1}, h = 1:
  // k(0,0) = 1, k(1,1) = 1, k(0,1) = e^{−½} ⇒ MMD² = 2 − 2e^{−½}.
  close(mmd(Float32Array.of(0, 0), Float32Array.of(1, 1), 1, 1), Math.sqrt(2 - 2 * Math.exp(-0.5)), 1e-9, 'MMD');
  const mixture = new GaussianMixture(
    2,
    mixtureComponents({ layout: 'ring', components: 4, dim: 2, radius: 2, std: 0.3, classes: 4 }),
  );
  const same = mmd(mixture.sample(400, new Rng('a')).values, mixture.sample(400, new Rng('b')).values, 2, 1);
  const shifted = mmd(
    mixture.sample(400, new Rng('a')).values.map((v) => v + 1),
    mixture.sample(400, new Rng('b')).values,
    2,
    1,
  );
  assert.ok(same < 0.05 && shifted > 0.3, `${same} ${shifted}`);
});

test('mode coverage and class accuracy against the exact mixture', () => {
  const mixture = new GaussianMixture(
    2,
    mixtureComponents({ layout: 'grid', components: 4, dim: 2, radius: 2, std: 0.2, classes: 2 }),
  );
  const full = mixture.sample(1000, new Rng('s'));
  assert.equal(modeCoverage(mixture, full.values).modesCovered, 4);
  // Only the mode at (−2, −2) plus far-away junk: one mode covered, half the samples near one.
  const collapsed = Float32Array.from({ length: 200 }, (_, i) => (i < 100 ? -2 : 40));
  const coverage = modeCoverage(mixture, collapsed);
  assert.is(coverage.modesCovered, 1);
  close(coverage.nearMode, 0.5, 1e-12, 'near');
  // Modes 4 apart with std 0.2: a sample nearer another class's mode is a 10σ event, so the accuracy is exact.
  assert.is(classAccuracy(mixture, full.values, full.labels!), 1);
  assert.is(
    classAccuracy(
      mixture,
      full.values,
      full.labels!.map((l) => 1 - l),
    ),
    0,
  );
});

test.run();
