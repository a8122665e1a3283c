// What losses and samplers ask of a model: the denoiser D(x, t) ≈ E[x_0 | x_t] at per-row noise
// levels. Scores and noise predictions follow from it (Tweedie), so a trained network, an exact
// mixture and a guided combination are interchangeable.
import { tf } from '@sous/core';
import { levelsAtTime, type NoiseLevels, type NoiseSchedule } from '../schedules/schedule.js';
import type { Parametrization } from './parametrization.js';

/** Class labels per row; −1 (or a null array) means unconditional. */
export type Labels = Int32Array | null;

export interface Denoiser {
  readonly dim: number;
  /** Classes it conditions on (0: unconditional). */
  readonly classes: number;
  /** What a network's output means (absent for exact models); the DSM "natural" weighting. */
  readonly parametrization?: Parametrization;
  /** σ_d of the input scaling and EDM weighting (1 when absent). */
  readonly sigmaData?: number;
  /** D(x, t) for rows x [n, d] at `levels` (x is in the process's space: log x for gbm). */
  denoise(x: tf.Tensor2D, levels: NoiseLevels, labels: Labels): tf.Tensor2D;
}

/** Per-row α, σ, b as [n, 1] tensors. */
export function levelTensors(levels: NoiseLevels): { alpha: tf.Tensor2D; sigma: tf.Tensor2D; shift: tf.Tensor2D } {
  const column = (values: Float32Array) => tf.tensor2d(values, [values.length, 1]);
  return { alpha: column(levels.alpha), sigma: column(levels.sigma), shift: column(levels.shift) };
}

/** Tweedie: ∇ log p_t(x) = (α D − (x − b)) / σ². */
export function scoreFromDenoised(x: tf.Tensor2D, denoised: tf.Tensor2D, levels: NoiseLevels): tf.Tensor2D {
  const { alpha, sigma, shift } = levelTensors(levels);
  return tf.div(tf.sub(tf.mul(alpha, denoised), tf.sub(x, shift)), tf.square(sigma));
}

/** The model's score at one time t for every row. */
export function scoreAt(
  model: Denoiser,
  schedule: NoiseSchedule,
  x: tf.Tensor2D,
  t: number,
  labels: Labels,
): tf.Tensor2D {
  const levels = levelsAtTime(schedule, t, x.shape[0]);
  return scoreFromDenoised(x, model.denoise(x, levels, labels), levels);
}

export function isDenoiser(value: unknown): value is Denoiser {
  return typeof value === 'object' && value !== null && typeof (value as Denoiser).denoise === 'function';
}
