import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { exactScore } from '../src/nodes/exact_score.js';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { twoMoons } from '../src/nodes/two_moons.js';
import type { Distribution } from '../src/data/distribution.js';
import type { Denoiser } from '../src/models/denoiser.js';
import { close, F32 } from './helpers.js';

// Two modes at (±2, 0) with covariance c·I, c = 0.25, equal weights and one class each.
const data = runNode<Distribution>(
  gaussianMixture,
  {},
  { components: 2, radius: 2, std: 0.5, train_size: 4, test_size: 4 },
);
const c = 0.25;
const rows = [
  [0.3, 0.1],
  [1.5, -0.4],
  [-2.2, 0.7],
].map((row) => row.map(Math.fround));
const [alpha, sigma] = [Math.fround(0.8), Math.fround(0.6)];

/** Tweedie in float64: E[x0 | x] = Σ_k γ_k(x) (m_k + (α c/v)(x − α m_k)), v = α²c + σ², γ_k ∝ N(x; α m_k, v I). */
function expectedDenoised(x: number[], modes: number[][]): { denoised: number[]; scale: number } {
  const v = alpha * alpha * c + sigma * sigma;
  const logits = modes.map((m) => -((x[0] - alpha * m[0]) ** 2 + (x[1] - alpha * m[1]) ** 2) / (2 * v));
  const max = Math.max(...logits),
    weights = logits.map((l) => Math.exp(l - max)),
    total = weights.reduce((a, b) => a + b);
  const denoised = [0, 1].map((j) =>
    modes.reduce((sum, m, k) => sum + (weights[k] / total) * (m[j] + ((alpha * c) / v) * (x[j] - alpha * m[j])), 0),
  );
  // D = (x + σ² s)/α with the score s rounded to float32 and D rounded again: error ≤ 2u·(|x| + σ²|s|)/α.
  const score = denoised.map((d, j) => (alpha * d - x[j]) / (sigma * sigma));
  return {
    denoised,
    scale: Math.max(...x.map((xj, j) => (Math.abs(xj) + sigma * sigma * Math.abs(score[j])) / alpha)),
  };
}

function denoise(model: Denoiser, labels: Int32Array | null): number[][] {
  const n = rows.length;
  const levels = {
    times: new Float32Array(n),
    alpha: new Float32Array(n).fill(alpha),
    sigma: new Float32Array(n).fill(sigma),
    shift: new Float32Array(n),
  };
  return tf.tidy(() => model.denoise(tf.tensor2d(rows), levels, labels).arraySync());
}

const modes = [
  [2, 0],
  [-2, 0],
];

test("exact_score denoises with the noised mixture's posterior mean (Tweedie), to float32 rounding", () => {
  const model = runNode<Denoiser>(exactScore, { data });
  assert.equal([model.dim, model.classes], [2, 0]);
  const out = denoise(model, Int32Array.of(1, 1, 1)); // an unconditional model ignores labels
  rows.forEach((x, row) => {
    const { denoised, scale } = expectedDenoised(x, modes);
    denoised.forEach((d, j) => close(out[row][j], d, 2 * F32 * scale, `row ${row} coordinate ${j}`));
  });
});

test("conditional: a label restricts the score to that class's component; −1 keeps the mixture", () => {
  const model = runNode<Denoiser>(exactScore, { data }, { conditional: true });
  assert.is(model.classes, 2);
  const out = denoise(model, Int32Array.of(0, 1, -1));
  [[modes[0]], [modes[1]], modes].forEach((restricted, row) => {
    const { denoised, scale } = expectedDenoised(rows[row], restricted);
    denoised.forEach((d, j) => close(out[row][j], d, 2 * F32 * scale, `row ${row} coordinate ${j}`));
  });
});

test('exact_score needs a distribution with a closed-form mixture', async () => {
  const moons = runNode<Distribution>(twoMoons, {}, { train_size: 4, test_size: 4 });
  await new NodeTester(exactScore).run({
    invalid: [
      { inputs: { data: moons }, messageId: 'noClosedForm', data: { name: 'two_moons' } },
      { inputs: { data: moons }, params: { conditional: 'yes' }, error: /^parameter conditional: / },
    ],
  });
});

test.run();
