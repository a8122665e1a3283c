import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { mixtureComponents } from '../src/data/layouts.js';
import { close, gaussian, standardErrors, stats } from './helpers.js';

const ring = new GaussianMixture(
  2,
  mixtureComponents({ layout: 'anisotropic', components: 3, dim: 2, radius: 1.5, std: 0.5, classes: 3 }),
);

test('log-density of a 2-D Gaussian matches the hand-computed value', () => {
  // N([1, 2], diag(4, 1)) at (3, 2): −½(4/4) − ½ ln 4 − ln 2π.
  const { logDensity } = gaussian([1, 2], [4, 0, 0, 1]).evaluate(Float32Array.of(3, 2));
  close(logDensity[0], -0.5 - 0.5 * Math.log(4) - Math.log(2 * Math.PI), 1e-9, 'log p');
});

test('the score is the gradient of the log-density (central differences)', () => {
  const x = Float32Array.of(0.3, -0.7);
  const { score } = ring.evaluate(x);
  const h = 1e-3;
  for (let i = 0; i < 2; i++) {
    const plus = Float32Array.from(x),
      minus = Float32Array.from(x);
    plus[i] += h;
    minus[i] -= h;
    const numeric = (ring.evaluate(plus).logDensity[0] - ring.evaluate(minus).logDensity[0]) / (2 * h);
    close(score[i], numeric, 2e-3, `∂/∂x${i}`);
  }
});

test("samples have the mixture's mean and covariance", () => {
  const mixture = new GaussianMixture(2, [
    { weight: 1, mean: Float64Array.of(-2, 0), covariance: Float64Array.of(1, 0.5, 0.5, 1), label: 0 },
    { weight: 3, mean: Float64Array.of(2, 1), covariance: Float64Array.of(0.25, 0, 0, 0.25), label: 1 },
  ]);
  const { values } = mixture.sample(40000, new Rng('gm'));
  const { mean, covariance } = stats(values, 2),
    se = standardErrors(values, 2);
  // mean = ¼(−2, 0) + ¾(2, 1) = (1, 0.75); cov = Σ w C + Σ w m mᵀ − mean meanᵀ; each within 5 standard errors.
  close(mean[0], 1, 5 * se.mean[0], 'mean x');
  close(mean[1], 0.75, 5 * se.mean[1], 'mean y');
  close(covariance[0], 0.25 * 1 + 0.75 * 0.25 + 0.25 * 4 + 0.75 * 4 - 1, 5 * se.covariance[0], 'var x');
  close(covariance[1], 0.25 * 0.5 + 0.75 * 2 - 0.75, 5 * se.covariance[1], 'cov xy');
});

test('noising keeps a mixture: α m and α² C + σ² I', () => {
  const noised = gaussian([1, -1], [2, 0, 0, 1]).noised(0.5, 2);
  assert.equal([...noised.components[0].mean], [0.5, -0.5]);
  assert.equal([...noised.components[0].covariance], [0.5 + 4, 0, 0, 0.25 + 4]);
});

test('the product of two Gaussians is the precision-weighted Gaussian', () => {
  // N(0, 1) · N(2, 3) in 1-D ⇒ variance (1 + 1/3)⁻¹ = 0.75, mean 0.75 · (0 + 2/3) = 0.5.
  const product = gaussian([0], [1]).product(gaussian([2], [3]));
  close(product.components[0].covariance[0], 0.75, 1e-12, 'variance');
  close(product.components[0].mean[0], 0.5, 1e-12, 'mean');
});

test('product weights: the overlap N(m_j; n_k, C_j + D_k) decides which pairs survive', () => {
  const a = new GaussianMixture(1, [
    { weight: 1, mean: Float64Array.of(-2), covariance: Float64Array.of(0.5), label: 0 },
    { weight: 1, mean: Float64Array.of(2), covariance: Float64Array.of(0.5), label: 1 },
  ]);
  const product = a.product(gaussian([1.5], [0.5]));
  const ratio = product.components[0].weight / product.components[1].weight;
  const overlap = (m: number) => Math.exp(-((m - 1.5) ** 2) / 2);
  close(ratio, overlap(-2) / overlap(2), 1e-9, 'weight ratio');
});

test('classify picks the class of the nearest mode', () => {
  const labels = ring.classify(Float32Array.of(1.5, 0, -0.75, 1.3, -0.75, -1.3));
  assert.equal([...labels], [0, 1, 2]);
});

test.run();
