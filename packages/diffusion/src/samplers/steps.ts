// One step of each sampler from time t to the earlier time s (t > s), given the model's denoiser.
// With x̃ = x − b, ε̂ = (x̃ − α D)/σ and score ∇log p = −ε̂/σ:
//   ddim:  x_s = α_s D + b_s + σ_s ε̂                                     (deterministic DDIM)
//   ddpm:  x_s ~ q(x_s | x_t, x_0 = D), the Gaussian posterior of the forward process
//          (ancestral sampling; α_ts = α_t/α_s, σ_ts² = σ_t² − α_ts² σ_s²)
//   euler, heun: the probability-flow ODE dx/dt = f x + c − ½ g² ∇log p
//   euler_maruyama: the reverse SDE dx = (f x + c − g² ∇log p) dt + g dW̄
import { tf } from '@sous/core';
import { scoreFromDenoised, type Denoiser, type Labels } from '../models/denoiser.js';
import { levelsAtTime, type NoiseSchedule } from '../schedules/schedule.js';

export const SAMPLING_METHODS = ['ddpm', 'ddim', 'euler', 'heun', 'euler_maruyama'] as const;
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];

export interface StepContext {
  model: Denoiser;
  schedule: NoiseSchedule;
  labels: Labels;
  /** Standard normal noise of x's shape (seeded). */
  noise: () => tf.Tensor2D;
  /** True on the last step (Heun then takes an Euler step, as in EDM). */
  last: boolean;
}

function denoised(ctx: StepContext, x: tf.Tensor2D, t: number): tf.Tensor2D {
  return ctx.model.denoise(x, levelsAtTime(ctx.schedule, t, x.shape[0]), ctx.labels);
}

/** dx/dt of the probability-flow ODE at (x, t). */
function flowVelocity(ctx: StepContext, x: tf.Tensor2D, t: number): tf.Tensor {
  const { f, c, g2 } = ctx.schedule.sde(t);
  const score = scoreFromDenoised(x, denoised(ctx, x, t), levelsAtTime(ctx.schedule, t, x.shape[0]));
  return tf.sub(tf.add(tf.mul(f, x), c), tf.mul(0.5 * g2, score));
}

export function samplerStep(
  method: SamplingMethod,
  ctx: StepContext,
  x: tf.Tensor2D,
  t: number,
  s: number,
): tf.Tensor2D {
  return step(method, ctx, x, t, s) as tf.Tensor2D;
}

function step(method: SamplingMethod, ctx: StepContext, x: tf.Tensor2D, t: number, s: number): tf.Tensor {
  const { schedule } = ctx;
  const [at, st, bt] = [schedule.alpha(t), schedule.sigma(t), schedule.shift(t)];
  const [as, ss, bs] = [schedule.alpha(s), schedule.sigma(s), schedule.shift(s)];
  switch (method) {
    case 'ddim': {
      const d = denoised(ctx, x, t);
      const eps = tf.div(tf.sub(tf.sub(x, bt), tf.mul(at, d)), st);
      return tf.add(tf.add(tf.mul(as, d), bs), tf.mul(ss, eps));
    }
    case 'ddpm': {
      const d = denoised(ctx, x, t);
      const ats = at / as,
        varTs = st * st - ats * ats * ss * ss;
      const mean = tf.add(tf.mul((ats * ss * ss) / (st * st), tf.sub(x, bt)), tf.mul((as * varTs) / (st * st), d));
      return tf.add(tf.add(mean, bs), tf.mul(Math.sqrt(Math.max(0, (varTs * ss * ss) / (st * st))), ctx.noise()));
    }
    case 'euler':
      return tf.add(x, tf.mul(s - t, flowVelocity(ctx, x, t)));
    case 'heun': {
      const v1 = flowVelocity(ctx, x, t);
      const euler = tf.add(x, tf.mul(s - t, v1)) as tf.Tensor2D;
      if (ctx.last) return euler;
      return tf.add(x, tf.mul(0.5 * (s - t), tf.add(v1, flowVelocity(ctx, euler, s))));
    }
    case 'euler_maruyama': {
      const { f, c, g2 } = schedule.sde(t);
      const dt = t - s;
      const score = scoreFromDenoised(x, denoised(ctx, x, t), levelsAtTime(schedule, t, x.shape[0]));
      const drift = tf.sub(tf.add(tf.mul(f, x), c), tf.mul(g2, score));
      return tf.add(tf.sub(x, tf.mul(dt, drift)), tf.mul(Math.sqrt(g2 * dt), ctx.noise()));
    }
  }
}
