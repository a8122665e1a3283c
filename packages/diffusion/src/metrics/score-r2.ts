// The diagnostic of Wang & Vastola 2024 ("The Unreasonable Effectiveness of Gaussian Score Approximation…"): how much of a learned score a reference score explains at one noise
// level, R² = 1 − E‖s_θ − s_ref‖² / E‖s_θ − E s_θ‖², over x_t = α x_0 + b + σ ε with x_0 from data.
import { tf, type Rng } from '@sous/core';
import { scoreAt, type Denoiser } from '../models/denoiser.js';
import type { NoiseSchedule } from '../schedules/schedule.js';

export function scoreR2(
  model: Denoiser,
  references: Denoiser[],
  schedule: NoiseSchedule,
  clean: Float32Array,
  t: number,
  rng: Rng,
): number[] {
  const d = model.dim,
    n = clean.length / d;
  const [alpha, sigma, shift] = [schedule.alpha(t), schedule.sigma(t), schedule.shift(t)];
  const noisy = clean.map((x0) => alpha * x0 + shift + sigma * rng.normal());
  return tf.tidy(() => {
    const x = tf.tensor2d(noisy, [n, d]);
    const learned = scoreAt(model, schedule, x, t, null);
    const spread = tf.sum(tf.square(tf.sub(learned, tf.mean(learned, 0, true)))).dataSync()[0];
    return references.map(
      (reference) =>
        1 - tf.sum(tf.square(tf.sub(learned, scoreAt(reference, schedule, x, t, null)))).dataSync()[0] / spread,
    );
  });
}
