import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { exactScore } from '../src/nodes/exact_score.js';
import { gbmNode } from '../src/nodes/gbm.js';
import { scoreR2Node } from '../src/nodes/score_r2.js';
import { veNode } from '../src/nodes/ve.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';
import { close, F32, gaussian } from './helpers.js';

// 1-D: the data's law is N(0, 1); its train split has mean 0.25 and variance 1.8125 (divided by n);
// the model is the exact score of N(0.5, 2). Under ve (α = 1, no shift) σ/α = level means σ = level.
const train = [-1.5, -0.5, 1, 2];
const test_ = Array.from({ length: 20 }, (_, i) => -2 + 0.2 * i);
const law = { mean: 0, variance: 1 },
  fit = { mean: 0.25, variance: 1.8125 },
  modelLaw = { mean: 0.5, variance: 2 };
function distribution(withMixture: boolean): Distribution {
  const points = (values: number[]) => makePoints(Float32Array.from(values), 1);
  return {
    kind: 'distribution',
    name: 'fixed',
    dim: 1,
    classes: 1,
    space: 'data',
    train: points(train),
    test: points(test_),
    sample: () => points(test_),
    mixture: withMixture ? gaussian([law.mean], [law.variance]) : undefined,
  };
}
const model = runNode(exactScore, {
  data: { ...distribution(true), mixture: gaussian([modelLaw.mean], [modelLaw.variance]) },
});
const schedule = runNode(veNode, {}, { sigma_min: 0.01, sigma_max: 10 });

/** R² of the model's score against a Gaussian's at noise σ, in float64, over the points the node noises (its rng forked by level), with a float32 error bound. */
function expectedR2(reference: { mean: number; variance: number }, sigma: number): { r2: number; tolerance: number } {
  const rng = new Rng('0/node/0').fork(sigma); // testContext's rng: seed 0, node "node", step 0
  const x = test_.map((x0) => Math.fround(Math.fround(x0) + sigma * rng.normal()));
  const score = (law: { mean: number; variance: number }) =>
    x.map((xi) => -(xi - law.mean) / (law.variance + sigma * sigma));
  const learned = score(modelLaw),
    exact = score(reference);
  const centre = learned.reduce((a, b) => a + b) / x.length;
  // A float32 score (αD − x)/σ² from a float32 denoiser D errs by about 4u(|x| + |αD|)/σ² ≤ 4u(2|x| + σ²|s|)/σ².
  const error = x.map(
    (xi, i) => (4 * F32 * (2 * Math.abs(xi) + sigma * sigma * Math.abs(learned[i]))) / (sigma * sigma),
  );
  let A = 0,
    B = 0,
    dA = 0,
    dB = 0;
  x.forEach((_, i) => {
    const diff = learned[i] - exact[i],
      spread = learned[i] - centre;
    A += diff * diff;
    B += spread * spread;
    dA += 4 * Math.abs(diff) * error[i] + 4 * error[i] ** 2; // both scores err
    dB += 4 * Math.abs(spread) * error[i] + 4 * error[i] ** 2; // the score and the mean err
  });
  dA += x.length * F32 * A; // float32 sums
  dB += x.length * F32 * B;
  return { r2: 1 - A / B, tolerance: (dA + (A / B) * dB) / B };
}

test('score_r2: R² of the model against the Gaussian fitted to the train split and against the exact mixture', () => {
  const metrics = runNode<Record<string, number>>(
    scoreR2Node,
    { model, schedule, data: distribution(true) },
    { levels: [0.5, 2] },
  );
  assert.equal(Object.keys(metrics), ['r2_gaussian@0.5', 'r2_mixture@0.5', 'r2_gaussian@2', 'r2_mixture@2']);
  for (const level of [0.5, 2]) {
    const gaussianR2 = expectedR2(fit, level),
      mixtureR2 = expectedR2(law, level);
    close(metrics[`r2_gaussian@${level}`], gaussianR2.r2, gaussianR2.tolerance, `r2_gaussian@${level}`);
    close(metrics[`r2_mixture@${level}`], mixtureR2.r2, mixtureR2.tolerance, `r2_mixture@${level}`);
  }
  // The fit and the law give different answers here, so the reference really is the train split's fit.
  assert.ok(Math.abs(expectedR2(fit, 0.5).r2 - expectedR2(law, 0.5).r2) > 0.1);
});

test('score_r2: the exact score scores R² = 1 against its own mixture; without a mixture only the Gaussian reference', () => {
  const data = distribution(true);
  const self = runNode<Record<string, number>>(
    scoreR2Node,
    { model: runNode(exactScore, { data }), schedule, data },
    { levels: [1] },
  );
  assert.is(self['r2_mixture@1'], 1);
  const noMixture = runNode<Record<string, number>>(
    scoreR2Node,
    { model, schedule, data: distribution(false) },
    { levels: [1] },
  );
  assert.equal(Object.keys(noMixture), ['r2_gaussian@1']);
});

test('score_r2 under gbm needs positive data', async () => {
  await new NodeTester(scoreR2Node).run({
    invalid: [
      {
        inputs: { model, schedule: runNode(gbmNode, {}), data: distribution(true) },
        messageId: 'notPositive',
        data: { schedule: 'gbm(mu 0, sigma 1)', value: -1.5 },
      },
    ],
  });
});

test.run();
