// Classifier-free guidance (Ho & Salimans 2022): D_w = D(x | ∅) + w (D(x | c) − D(x | ∅)). w = 0 is the
// unconditional model, w = 1 the conditional one, w > 1 pushes toward the class. One batched
// network call evaluates both halves.
import { tf } from '@sous/core';
import type { NoiseLevels } from '../schedules/schedule.js';
import type { Denoiser, Labels } from './denoiser.js';

export function guided(model: Denoiser, weight: number): Denoiser {
  return {
    dim: model.dim,
    classes: model.classes,
    denoise(x: tf.Tensor2D, levels: NoiseLevels, labels: Labels): tf.Tensor2D {
      if (labels === null || weight === 1) return model.denoise(x, levels, labels);
      const rows = x.shape[0];
      const twice = (values: Float32Array) => {
        const out = new Float32Array(2 * rows);
        out.set(values);
        out.set(values, rows);
        return out;
      };
      const both = model.denoise(
        tf.concat([x, x], 0) as tf.Tensor2D,
        {
          times: twice(levels.times),
          alpha: twice(levels.alpha),
          sigma: twice(levels.sigma),
          shift: twice(levels.shift),
        },
        Int32Array.from({ length: 2 * rows }, (_, row) => (row < rows ? labels[row] : -1)),
      );
      const [conditional, unconditional] = tf.split(both, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
      return tf.add(unconditional, tf.mul(weight, tf.sub(conditional, unconditional)));
    },
  };
}

/** A denoiser that counts its calls (network evaluations per batch of rows). */
export function counted(model: Denoiser): { model: Denoiser; calls: () => number } {
  let calls = 0;
  return {
    model: {
      dim: model.dim,
      classes: model.classes,
      denoise: (x, levels, labels) => {
        calls++;
        return model.denoise(x, levels, labels);
      },
    },
    calls: () => calls,
  };
}
