// diffusion.fkc_sample at its largest groups: 1,000,000 particles are allowed, and the log-weight
// maximum of a group was once taken by spreading the group into Math.max, which overflows the call
// stack from about 125,000 particles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { ExactDenoiser } from '../src/models/exact.js';
import { sampleFkc } from '../src/samplers/fkc.js';
import { vpLinear } from '../src/schedules/vp.js';
import { fkcSample } from '../src/nodes/fkc_sample.js';
import { gaussian } from './helpers.js';

const PARTICLES = 200_000;

test(`one SMC group of ${PARTICLES.toLocaleString('en')} particles resamples without overflowing the stack`, () => {
  // A product of two 1-D Gaussians weights the particles unevenly, so the group is reweighted and
  // resampled at the end (correct: true always resamples once more).
  const experts = [
    { model: new ExactDenoiser(gaussian([1], [1])), beta: 1 },
    { model: new ExactDenoiser(gaussian([-1], [1])), beta: 1 },
  ];
  const result = sampleFkc(
    experts,
    vpLinear(0.1, 20, 1e-3),
    PARTICLES,
    { steps: 1, particles: PARTICLES, correct: true, essThreshold: 0.5 },
    new Rng('big'),
  );
  assert.is(result.values.length, PARTICLES);
  assert.ok(result.resamples >= 1, `resamples ${result.resamples}`);
  assert.ok(result.values.every(Number.isFinite));
});

test('the node accepts the particle counts its schema allows', () => {
  assert.is(fkcSample.params.safeParse({ n: 1_000_000, particles: 1_000_000 }).success, true);
  assert.is(fkcSample.params.safeParse({ particles: 1_000_001 }).success, false);
});

test.run();
