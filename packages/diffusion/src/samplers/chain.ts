// A full sampling run: draw x_T ~ N(b_T, σ_T² I), optionally teleport along the Gaussian flow to
// the grid point a `teleport` fraction of the way in, take the sampler's steps down to t_min, and
// return the final denoised estimate D(x, t_min), mapped back to data space (exp for gbm).
import { tf, type Rng } from '@sous/core';
import { counted, guided } from '../models/guided.js';
import type { Denoiser, Labels } from '../models/denoiser.js';
import { levelsAtTime, type NoiseSchedule } from '../schedules/schedule.js';
import { fromProcessSpace } from '../space.js';
import { gaussianFlow, type GaussianFit } from './gaussian-flow.js';
import { samplerStep, type SamplingMethod } from './steps.js';

export interface ChainOptions {
  method: SamplingMethod;
  steps: number;
  labels: Labels;
  /** Classifier-free guidance weight (1: plain conditional). */
  guidance: number;
  /** Fraction of the grid to jump with the Gaussian flow (0: none), and the Gaussian. */
  teleport?: { fraction: number; fit: GaussianFit };
}

export interface ChainResult {
  /** Row-major [count, d], in data space. */
  values: Float32Array;
  /** Batched model evaluations made. */
  calls: number;
  /** Steps jumped by the teleport. */
  skipped: number;
}

export function sampleChain(
  model: Denoiser,
  schedule: NoiseSchedule,
  count: number,
  options: ChainOptions,
  rng: Rng,
): ChainResult {
  const d = model.dim;
  const counter = counted(guided(model, options.guidance));
  const grid = schedule.grid(options.steps);
  const normals = (): Float32Array => Float32Array.from({ length: count * d }, () => rng.normal());
  const tMax = grid[0];
  let start: Float32Array = normals().map((z) => schedule.shift(tMax) + schedule.sigma(tMax) * z);
  const skipped = options.teleport
    ? Math.min(options.steps - 1, Math.round(options.teleport.fraction * options.steps))
    : 0;
  if (options.teleport && skipped > 0) start = gaussianFlow(options.teleport.fit, schedule, start, tMax, grid[skipped]);

  let x: tf.Tensor2D = tf.tensor2d(start, [count, d]);
  for (let i = skipped; i < options.steps; i++) {
    const context = {
      model: counter.model,
      schedule,
      labels: options.labels,
      last: i === options.steps - 1,
      noise: () => tf.tensor2d(normals(), [count, d]),
    };
    const next = tf.tidy(() => samplerStep(options.method, context, x, grid[i], grid[i + 1]));
    x.dispose();
    x = next;
  }
  const tEnd = grid[options.steps];
  const final = tf.tidy(() => counter.model.denoise(x, levelsAtTime(schedule, tEnd, count), options.labels));
  x.dispose();
  const values = fromProcessSpace(final.dataSync() as Float32Array, schedule);
  final.dispose();
  return { values: Float32Array.from(values), calls: counter.calls(), skipped };
}
