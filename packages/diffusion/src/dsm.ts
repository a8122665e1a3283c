// Denoising score matching in denoiser form (Vincent 2011; Han et al. 2024 analyse it as regression on noisy labels; EDM weighting from Karras et al. 2022):
//   L = mean over rows of λ(t) ‖D_θ(α x_0 + b + σ ε, t) − x_0‖² / d
// with t from the schedule's training distribution and λ the weighting's factor
// (parametrization.ts): the "natural" weighting regresses the network's own target (ε, x_0, v,
// score or EDM's F target). Class labels are replaced by the null class with probability
// `labelDropout` (classifier-free guidance).
import { customGradient, FUSED_KERNELS, fusedKernelAvailable, tf, untaped, type Rng } from '@sous/core';
import type { Denoiser } from './models/denoiser.js';
import { levelTensors } from './models/denoiser.js';
import { denoiserWeight, type Parametrization } from './models/parametrization.js';
import { levelsAt, type NoiseLevels, type NoiseSchedule } from './schedules/schedule.js';

export interface DsmOptions {
  weighting: Parametrization;
  sigmaData: number;
  labelDropout: number;
}

/** x_0 rows [n, d] in the process space; returns a scalar tensor (call inside the gradient scope). */
export function dsmLoss(
  model: Denoiser,
  schedule: NoiseSchedule,
  clean: Float32Array,
  labels: Int32Array | null,
  options: DsmOptions,
  rng: Rng,
): tf.Scalar {
  const d = model.dim,
    rows = clean.length / d;
  const levels = levelsAt(schedule, schedule.trainTimes(rows, rng));
  const noise = Float32Array.from({ length: rows * d }, () => rng.normal());
  const dropped = labels === null ? null : labels.map((label) => (rng.uniform() < options.labelDropout ? -1 : label));
  const x0 = tf.tensor2d(clean, [rows, d]);
  const level = levelTensors(levels);
  // The noisy input and the weights are constants of the gradient: kept off the tape.
  const noisy = untaped(() => tf.tensor2d(noisyInput(clean, noise, levels, d), [rows, d]));
  const weight = untaped(() => denoiserWeight(options.weighting, level, options.sigmaData));
  return weightedSquaredError(model.denoise(noisy, levels, dropped), x0, weight);
}

/** α x_0 + b + σ ε row by row, each product and sum rounded to float32: the values the tensor ops
 * (α·x_0 + b) + σ·ε give, bit for bit (float64 then float32 rounds +, × of float32s correctly),
 * without their four kernel calls. */
function noisyInput(clean: Float32Array, noise: Float32Array, { alpha, sigma, shift }: NoiseLevels, d: number) {
  const f32 = Math.fround;
  return clean.map((x, i) => {
    const row = Math.floor(i / d);
    return f32(f32(f32(alpha[row] * x) + shift[row]) + f32(sigma[row] * noise[i]));
  });
}

/** mean over rows of w ‖D − x_0‖² / d, one record on the gradient tape: its gradient in D,
 * (dy / d / rows) · w · 2 (D − x_0), is computed by the kernels TensorFlow.js's own gradients of
 * these six ops run, in their order (so bit for bit), less the reshapes and products by ones.
 * Where the backend fuses it (native), each way is one kernel with those ops' rounding. */
export function weightedSquaredError(denoised: tf.Tensor2D, x0: tf.Tensor2D, weight: tf.Tensor): tf.Scalar {
  const [rows, d] = denoised.shape;
  const fused =
    fusedKernelAvailable(FUSED_KERNELS.weightedSquaredError) &&
    [denoised, x0, weight].every((t) => t.dtype === 'float32') &&
    tf.util.arraysEqual(x0.shape, [rows, d]) &&
    tf.util.arraysEqual(weight.shape, [rows, 1]);
  return customGradient<tf.Scalar, [tf.Tensor2D]>((D, save) => {
    if (fused) {
      const [loss, error] = tf
        .engine()
        .runKernel(FUSED_KERNELS.weightedSquaredError, { x: D, target: x0, weight }) as tf.Tensor[];
      save([error, weight]);
      return {
        value: loss as tf.Scalar,
        gradFunc: (dy, [savedError, savedWeight]) =>
          tf.engine().runKernel(FUSED_KERNELS.weightedSquaredErrorGrad, {
            dy,
            error: savedError,
            weight: savedWeight,
          }) as tf.Tensor,
      };
    }
    const error = tf.sub(D, x0);
    save([error, weight]);
    return {
      value: tf.div(tf.mean(tf.mul(weight, tf.sum(tf.square(error), 1, true))), d) as tf.Scalar,
      gradFunc: (dy, [error, weight]) => tf.mul(tf.mul(tf.div(tf.div(dy, d), rows), weight), tf.mul(error, 2)),
    };
  })(denoised);
}
