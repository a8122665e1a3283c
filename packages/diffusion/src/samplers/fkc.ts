// The Feynman–Kac corrector of Skreta et al. 2025 with SMC for targets π_t ∝ Π_k p_t^k(x)^{β_k} (product of
// experts, annealing). Particles follow the reverse SDE with the target's summed score
//   dx = (f x + c − g² S) dt + g dW̄,  S = Σ_k β_k s_k,
// and carry log-weights with increments (derived from the Feynman–Kac PDE; x-independent terms,
// which cancel on normalisation, dropped)
//   d log w = ½ g² (‖S‖² − Σ_k β_k ‖s_k‖²) dτ,
// which vanish for one expert with β = 1 and give g² ⟨s_1, s_2⟩ for a product of two. Particles
// are resampled (systematic) within each group of `particles` when ESS < threshold · particles,
// and once more at the end. `correct: false` is the naive sampler: summed scores, no weights.
import { tf, type Rng } from '@sous/core';
import { scoreAt, type Denoiser } from '../models/denoiser.js';
import type { NoiseSchedule } from '../schedules/schedule.js';
import { fromProcessSpace } from '../space.js';

export interface Expert {
  model: Denoiser;
  beta: number;
}

export interface FkcOptions {
  steps: number;
  /** SMC population size: `count` is split into independent groups of this many particles. */
  particles: number;
  correct: boolean;
  /** Resample when ESS falls below this fraction of the group size. */
  essThreshold: number;
}

export interface FkcResult {
  values: Float32Array;
  resamples: number;
  /** Mean over steps and groups of ESS / particles, before resampling. */
  meanEss: number;
}

/** The summed score S and the log-weight rate ½ g² (‖S‖² − Σ β_k ‖s_k‖²) per row. */
export function productScore(
  experts: Expert[],
  schedule: NoiseSchedule,
  x: tf.Tensor2D,
  t: number,
): { score: tf.Tensor2D; rate: tf.Tensor1D } {
  const scores = experts.map(({ model }) => scoreAt(model, schedule, x, t, null));
  const score = tf.addN(scores.map((s, k) => tf.mul(experts[k].beta, s))) as tf.Tensor2D;
  const separate = tf.addN(scores.map((s, k) => tf.mul(experts[k].beta, tf.sum(tf.square(s), 1))));
  const rate = tf.mul(0.5 * schedule.sde(t).g2, tf.sub(tf.sum(tf.square(score), 1), separate)) as tf.Tensor1D;
  return { score, rate };
}

/** Systematic resampling: indices of `count` draws with probabilities ∝ weights, from one uniform. */
export function systematicResample(weights: ArrayLike<number>, u: number): Int32Array {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const out = new Int32Array(n);
  let cumulative = weights[0] / total,
    j = 0;
  for (let i = 0; i < n; i++) {
    const position = (u + i) / n;
    while (position > cumulative && j < n - 1) cumulative += weights[++j] / total;
    out[i] = j;
  }
  return out;
}

export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0,
    squares = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    squares += weights[i] * weights[i];
  }
  return (sum * sum) / squares;
}

export function sampleFkc(
  experts: Expert[],
  schedule: NoiseSchedule,
  count: number,
  options: FkcOptions,
  rng: Rng,
): FkcResult {
  const d = experts[0].model.dim,
    group = options.particles;
  const grid = schedule.grid(options.steps);
  const logWeights = new Float64Array(count);
  const normals = (): Float32Array => Float32Array.from({ length: count * d }, () => rng.normal());
  let x = normals().map((z) => schedule.shift(grid[0]) + schedule.sigma(grid[0]) * z);
  let resamples = 0,
    essSum = 0,
    essCount = 0;

  const resample = (always: boolean): void => {
    for (let start = 0; start < count; start += group) {
      const size = Math.min(group, count - start);
      const slice = logWeights.subarray(start, start + size);
      // A loop, not Math.max(...slice): a group of 125,000+ particles overflows the call stack.
      let max = -Infinity;
      for (const lw of slice) max = Math.max(max, lw);
      const weights = slice.map((lw) => Math.exp(lw - max));
      const ess = effectiveSampleSize(weights) / size;
      essSum += ess;
      essCount++;
      if (!always && ess >= options.essThreshold) continue;
      const picks = systematicResample(weights, rng.uniform());
      const block = x.slice(start * d, (start + size) * d);
      picks.forEach((from, i) => x.set(block.subarray(from * d, (from + 1) * d), (start + i) * d));
      slice.fill(0);
      resamples++;
    }
  };

  for (let i = 0; i < options.steps; i++) {
    const t = grid[i],
      dt = grid[i] - grid[i + 1];
    const { f, c, g2 } = schedule.sde(t);
    const noise = normals();
    const step = tf.tidy(() => {
      const current = tf.tensor2d(x, [count, d]);
      const { score, rate } = productScore(experts, schedule, current, t);
      const drift = tf.sub(tf.add(tf.mul(f, current), c), tf.mul(g2, score));
      return {
        next: tf.add(tf.sub(current, tf.mul(dt, drift)), tf.mul(Math.sqrt(g2 * dt), tf.tensor2d(noise, [count, d]))),
        rate,
      };
    });
    const next = step.next.dataSync() as Float32Array,
      rate = step.rate.dataSync() as Float32Array;
    tf.dispose([step.next, step.rate]);
    x = Float32Array.from(next);
    if (options.correct) {
      for (let row = 0; row < count; row++) logWeights[row] += rate[row] * dt;
      resample(false);
    }
  }
  if (options.correct) resample(true);
  // Final denoising with the target's score: D = (x̃ + σ² S)/α (Tweedie).
  const tEnd = grid[options.steps];
  const [a, s, b] = [schedule.alpha(tEnd), schedule.sigma(tEnd), schedule.shift(tEnd)];
  const denoised = tf.tidy(() => {
    const current = tf.tensor2d(x, [count, d]);
    const { score } = productScore(experts, schedule, current, tEnd);
    return tf.div(tf.add(tf.sub(current, b), tf.mul(s * s, score)), a);
  });
  const values = Float32Array.from(denoised.dataSync());
  denoised.dispose();
  return { values: fromProcessSpace(values, schedule), resamples, meanEss: essCount ? essSum / essCount : 1 };
}
