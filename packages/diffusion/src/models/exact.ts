// The exact denoiser of a Gaussian mixture: at level (α, σ, b) the noised law is again a mixture,
// whose score gives D = (x̃ + σ² ∇log p_t(x̃))/α (Tweedie). Used as a ground-truth score for tests,
// for the analytic experts of Feynman–Kac product sampling and for the score-R² diagnostic. Class-conditional when asked:
// the mixture restricted to the label's components.
import { tf, type Trainable } from '@sous/core';
import { GaussianMixture } from '../data/gaussian-mixture.js';
import type { NoiseLevels } from '../schedules/schedule.js';
import type { Denoiser, Labels } from './denoiser.js';

export class ExactDenoiser implements Trainable, Denoiser {
  readonly kind = 'model';
  readonly trainable = false;
  readonly dim: number;
  readonly classes: number;

  constructor(
    readonly mixture: GaussianMixture,
    conditional = false,
  ) {
    this.dim = mixture.dim;
    this.classes = conditional ? mixture.classes : 0;
  }

  namedVariables(): Map<string, tf.Variable> {
    return new Map();
  }

  /** The score of the noised mixture (restricted to class `label` when ≥ 0) at rows `centred`. */
  scoreOfRows(centred: Float32Array, alpha: number, sigma: number, label = -1): Float32Array {
    return this.law(label).noised(alpha, sigma).evaluate(centred).score;
  }

  private law(label: number): GaussianMixture {
    if (label < 0 || this.classes === 0) return this.mixture;
    return new GaussianMixture(
      this.dim,
      this.mixture.components.filter((c) => c.label === label),
    );
  }

  denoise(x: tf.Tensor2D, levels: NoiseLevels, labels: Labels): tf.Tensor2D {
    const d = this.dim,
      rows = x.shape[0];
    const values = x.dataSync() as Float32Array;
    const out = new Float32Array(rows * d);
    // Rows sharing (α, σ, b, label) share one noised mixture: group them (samplers use one t).
    const groups = new Map<string, number[]>();
    for (let row = 0; row < rows; row++) {
      const key = `${levels.alpha[row]}/${levels.sigma[row]}/${levels.shift[row]}/${labels?.[row] ?? -1}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(row);
    }
    for (const group of groups.values()) {
      const first = group[0];
      const alpha = levels.alpha[first],
        sigma = levels.sigma[first],
        shift = levels.shift[first];
      const centred = new Float32Array(group.length * d);
      group.forEach((row, i) => {
        for (let j = 0; j < d; j++) centred[i * d + j] = values[row * d + j] - shift;
      });
      const score = this.scoreOfRows(centred, alpha, sigma, labels?.[first] ?? -1);
      group.forEach((row, i) => {
        for (let j = 0; j < d; j++) out[row * d + j] = (centred[i * d + j] + sigma * sigma * score[i * d + j]) / alpha;
      });
    }
    return tf.tensor2d(out, [rows, d]);
  }
}
