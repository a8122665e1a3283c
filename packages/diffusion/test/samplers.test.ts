import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { ExactDenoiser } from '../src/models/exact.js';
import { sampleChain } from '../src/samplers/chain.js';
import { fitGaussian, gaussianFlow } from '../src/samplers/gaussian-flow.js';
import { SAMPLING_METHODS } from '../src/samplers/steps.js';
import { vpLinear } from '../src/schedules/vp.js';
import { edm, gbm } from '../src/schedules/ve.js';
import { close, gaussian, standardErrors, stats } from './helpers.js';

const target = gaussian([1, -0.5], [0.6, 0.25, 0.25, 0.4]);
const model = new ExactDenoiser(target);
const vp = vpLinear(0.1, 20, 1e-3);
const edmSchedule = edm({ sigmaMin: 0.002, sigmaMax: 80, rho: 7, pMean: -1.2, pStd: 1.2 });

/** Each moment within 5 of its standard errors (a correct sampler misses one of the five with probability < 3e-6). */
function checkMoments(values: Float32Array, what: string): void {
  const { mean, covariance } = stats(values, 2);
  const se = standardErrors(values, 2);
  close(mean[0], 1, 5 * se.mean[0], `${what} mean x`);
  close(mean[1], -0.5, 5 * se.mean[1], `${what} mean y`);
  close(covariance[0], 0.6, 5 * se.covariance[0], `${what} var x`);
  close(covariance[1], 0.25, 5 * se.covariance[1], `${what} cov xy`);
  close(covariance[3], 0.4, 5 * se.covariance[3], `${what} var y`);
}

test("every sampler driven by the exact score reproduces the Gaussian's mean and covariance (VP)", () => {
  for (const method of SAMPLING_METHODS) {
    const { values } = sampleChain(
      model,
      vp,
      3000,
      { method, steps: method === 'heun' ? 40 : 200, labels: null, guidance: 1 },
      new Rng(method),
    );
    checkMoments(values, method);
  }
});

test('Heun on the EDM grid, 18 steps, reproduces the Gaussian; tensors do not leak', () => {
  const before = tf.memory().numTensors;
  const { values, calls } = sampleChain(
    model,
    edmSchedule,
    3000,
    { method: 'heun', steps: 18, labels: null, guidance: 1 },
    new Rng('edm'),
  );
  checkMoments(values, 'edm heun');
  assert.is(calls, 2 * 17 + 1 + 1); // two per step, Euler last step, final denoise
  assert.is(tf.memory().numTensors, before);
});

test('the Gaussian flow keeps marginals: x_T from the noised law lands on N(α_s μ, α_s² Σ + σ_s² I)', () => {
  const fit = fitGaussian(target.sample(20000, new Rng('fit')).values, 2);
  const t = 0.9,
    s = 0.3;
  const start = target.noised(vp.alpha(t), vp.sigma(t)).sample(20000, new Rng('start')).values;
  const moved = gaussianFlow(fit, vp, start, t, s);
  const { mean, covariance } = stats(moved, 2),
    se = standardErrors(moved, 2);
  const expected = target.noised(vp.alpha(s), vp.sigma(s)).components[0];
  close(mean[0], expected.mean[0], 5 * se.mean[0], 'mean');
  [0, 1, 3].forEach((i) => close(covariance[i], expected.covariance[i], 5 * se.covariance[i], `cov ${i}`));
});

test("teleporting 30% of the steps keeps the exact sampler's moments with fewer calls", () => {
  const fit = fitGaussian(target.sample(5000, new Rng('fit')).values, 2);
  const full = sampleChain(
    model,
    edmSchedule,
    3000,
    { method: 'heun', steps: 20, labels: null, guidance: 1 },
    new Rng('a'),
  );
  const jumped = sampleChain(
    model,
    edmSchedule,
    3000,
    { method: 'heun', steps: 20, labels: null, guidance: 1, teleport: { fraction: 0.3, fit } },
    new Rng('a'),
  );
  checkMoments(jumped.values, 'teleport');
  assert.is(jumped.skipped, 6);
  assert.is(full.calls - jumped.calls, 12);
});

test('under gbm the Dale–Langevin sampler (Euler–Maruyama in log space) keeps every sample positive', () => {
  const logModel = new ExactDenoiser(gaussian([0, 0.5], [0.2, 0, 0, 0.3]));
  const { values } = sampleChain(
    logModel,
    gbm(0, 1, 1e-3, 4),
    2000,
    { method: 'euler_maruyama', steps: 200, labels: null, guidance: 1 },
    new Rng('gbm'),
  );
  assert.ok(values.every((v) => v > 0));
  const logs = values.map(Math.log);
  close(stats(logs, 2).mean[1], 0.5, 5 * standardErrors(logs, 2).mean[1], 'mean of log x');
});

test('guidance: w = 0 samples the unconditional model, w = 1 the class, w > 1 sharpens it', () => {
  const twoClass = new ExactDenoiser(
    new GaussianMixture(1, [
      { weight: 1, mean: Float64Array.of(-1), covariance: Float64Array.of(0.3), label: 0 },
      { weight: 1, mean: Float64Array.of(1), covariance: Float64Array.of(0.3), label: 1 },
    ]),
    true,
  );
  const labels = new Int32Array(2000).fill(1);
  const drawn = (w: number) =>
    sampleChain(twoClass, vp, 2000, { method: 'ddim', steps: 100, labels, guidance: w }, new Rng('g')).values;
  const [unguided, conditional] = [drawn(0), drawn(1)];
  close(stats(unguided, 1).mean[0], 0, 5 * standardErrors(unguided, 1).mean[0], 'w = 0');
  close(stats(conditional, 1).mean[0], 1, 5 * standardErrors(conditional, 1).mean[0], 'w = 1');
  assert.ok(stats(drawn(3), 1).mean[0] > 1.05);
});

test.run();
