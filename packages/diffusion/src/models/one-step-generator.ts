// A one-step generator built from a diffusion denoiser, as score identity distillation builds it:
// G(z, c) = D_θ(b + σ_init z, σ_init, c), the denoiser's one-shot estimate of x_0 from pure noise at
// level σ_init, with θ initialised from the teacher's weights and then trained.
import { tf, type Rng, type Trainable } from '@sous/core';
import { levelsAtTime, type NoiseSchedule } from '../schedules/schedule.js';
import type { Labels } from './denoiser.js';
import { MlpDenoiser } from './mlp.js';

export class OneStepGenerator implements Trainable {
  readonly kind = 'model';
  readonly trainable = true;

  constructor(
    /** The trainable denoiser network G evaluates at one noise level. */
    readonly network: MlpDenoiser,
    readonly schedule: NoiseSchedule,
    /** The schedule time whose σ the generator's input noise has. */
    readonly time: number,
  ) {}

  get dim(): number {
    return this.network.dim;
  }

  get classes(): number {
    return this.network.classes;
  }

  namedVariables(): Map<string, tf.Variable> {
    return this.network.namedVariables();
  }

  /** Samples [n, d] for standard normal `noise` [n, d] and one label per row. */
  generate(noise: tf.Tensor2D, labels: Labels): tf.Tensor2D {
    const levels = levelsAtTime(this.schedule, this.time, noise.shape[0]);
    return tf.tidy(() => {
      const input = tf.add(tf.mul(levels.sigma[0], noise), levels.shift[0]) as tf.Tensor2D;
      return this.network.denoise(input, levels, labels);
    });
  }

  /** `labels.length` samples with fresh noise from `rng`. */
  sample(labels: Int32Array, rng: Rng): tf.Tensor2D {
    const noise = Float32Array.from({ length: labels.length * this.dim }, () => rng.normal());
    return this.generate(tf.tensor2d(noise, [labels.length, this.dim]), labels);
  }
}

/** A trainable copy of an MLP denoiser: same architecture, same weights. */
export function copyDenoiser(source: MlpDenoiser, rng: Rng): MlpDenoiser {
  const copy = new MlpDenoiser(source.options, rng);
  const weights = source.namedVariables();
  copy.namedVariables().forEach((variable, name) => variable.assign(weights.get(name)!));
  return copy;
}

export function isOneStepGenerator(value: unknown): value is OneStepGenerator {
  return value instanceof OneStepGenerator;
}
