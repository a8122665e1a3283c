import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { ExactDenoiser } from '../src/models/exact.js';
import { effectiveSampleSize, productScore, sampleFkc, systematicResample } from '../src/samplers/fkc.js';
import { vpLinear } from '../src/schedules/vp.js';
import { close, gaussian, stats } from './helpers.js';

const vp = vpLinear(0.1, 20, 1e-3);

test('FKC weights vanish for a single expert with β = 1; a product of two gives g²⟨s1, s2⟩', () => {
  tf.tidy(() => {
    const a = new ExactDenoiser(gaussian([1, 0], [1, 0, 0, 1])),
      b = new ExactDenoiser(gaussian([-1, 2], [0.5, 0, 0, 2]));
    const x = tf.tensor2d([
      [0.2, 0.4],
      [-1, 1.5],
    ]);
    assert.equal([...productScore([{ model: a, beta: 1 }], vp, x, 0.5).rate.dataSync()], [0, 0]);
    const { score, rate } = productScore(
      [
        { model: a, beta: 1 },
        { model: b, beta: 1 },
      ],
      vp,
      x,
      0.5,
    );
    const sa = productScore([{ model: a, beta: 1 }], vp, x, 0.5).score.arraySync(),
      sb = productScore([{ model: b, beta: 1 }], vp, x, 0.5).score.arraySync();
    const g2 = vp.sde(0.5).g2;
    rate
      .arraySync()
      .forEach((r, row) => close(r, g2 * (sa[row][0] * sb[row][0] + sa[row][1] * sb[row][1]), 1e-4, 'rate'));
    score.arraySync().forEach((s, row) => close(s[0], sa[row][0] + sb[row][0], 1e-5, 'summed score'));
  });
});

test('annealing one expert: rate ½ g² β(β − 1)‖s‖²', () => {
  tf.tidy(() => {
    const a = new ExactDenoiser(gaussian([1, 0], [1, 0, 0, 1]));
    const x = tf.tensor2d([[0.2, 0.4]]);
    const s = productScore([{ model: a, beta: 1 }], vp, x, 0.3).score.arraySync()[0];
    const rate = productScore([{ model: a, beta: 2 }], vp, x, 0.3).rate.dataSync()[0];
    close(rate, 0.5 * vp.sde(0.3).g2 * 2 * (s[0] ** 2 + s[1] ** 2), 1e-4, 'rate');
  });
});

test('systematic resampling copies each particle about N·w times; ESS of equal weights is N', () => {
  assert.equal([...systematicResample([0.5, 0.25, 0, 0.25], 0.5)], [0, 0, 1, 3]);
  close(effectiveSampleSize([1, 1, 1, 1]), 4, 1e-12, 'ESS');
  close(effectiveSampleSize([1, 0, 0, 0]), 1, 1e-12, 'ESS');
});

test("product of two bimodal experts: FKC + SMC lands on the exact product's mode weights, the naive sampler does not", () => {
  // p1 = ½N(−2, .5) + ½N(2, .5), p2 = N(1.5, 2) (1-D): the product's right mode weighs ≈ 0.99.
  const p1 = new GaussianMixture(1, [
    { weight: 1, mean: Float64Array.of(-2), covariance: Float64Array.of(0.5), label: 0 },
    { weight: 1, mean: Float64Array.of(2), covariance: Float64Array.of(0.5), label: 1 },
  ]);
  const p2 = gaussian([1.5], [2]);
  const exact = p1.product(p2);
  const rightWeight = exact.components[1].weight;
  const experts = [
    { model: new ExactDenoiser(p1), beta: 1 },
    { model: new ExactDenoiser(p2), beta: 1 },
  ];
  const share = (correct: boolean) => {
    const { values } = sampleFkc(
      experts,
      vp,
      1024,
      { steps: 100, particles: 256, correct, essThreshold: 0.5 },
      new Rng('fkc'),
    );
    return values.filter((v) => v > 0).length / values.length;
  };
  const corrected = share(true),
    naive = share(false);
  assert.ok(
    Math.abs(corrected - rightWeight) < Math.abs(naive - rightWeight),
    `fkc ${corrected}, naive ${naive}, exact ${rightWeight}`,
  );
  close(corrected, rightWeight, 0.05, 'fkc right-mode weight');
  const { mean } = stats(
    sampleFkc(experts, vp, 1024, { steps: 100, particles: 256, correct: true, essThreshold: 0.5 }, new Rng('m')).values,
    1,
  );
  const exactMean = exact.components.reduce((sum, c) => sum + c.weight * c.mean[0], 0);
  close(mean[0], exactMean, 0.15, 'mean');
});

test.run();
