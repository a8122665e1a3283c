// The generator loss of score identity distillation (SiD; Zhou et al. 2024), per row, as in the
// score forgetting distillation code (SFD; Chen, Zhang & Zhou 2024):
//   L = ⟨f_T − f_φ, (f_T − x_g) − α (f_T − f_φ)⟩ / ω,   ω = sg(mean_d |f_T − x_g|)
// which equals (1 − α)‖f_T − f_φ‖² + (f_T − f_φ)ᵀ(f_φ − x_g), divided by ω. f_T is the teacher's
// denoised estimate at x_t = α_t x_g + σ_t ε, f_φ the fake denoiser's (trained on the generator's
// samples), x_g the generator's sample; the gradient reaches the generator through x_g and x_t.
import { tf } from '@sous/core';
import { stopGradient } from '@sous/objectives';

/** Per-row SiD loss [n] from teacher and fake denoised estimates and the generated rows, all [n, d]. */
export function sidRowLosses(
  teacher: tf.Tensor2D,
  fake: tf.Tensor2D,
  generated: tf.Tensor2D,
  alpha: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    const gap = tf.sub(teacher, fake);
    const toSample = tf.sub(teacher, generated);
    const inner = tf.sum(tf.mul(gap, tf.sub(toSample, tf.mul(alpha, gap))), 1);
    const scale = stopGradient(tf.mean(tf.abs(toSample), 1));
    return tf.div(inner, scale) as tf.Tensor1D;
  });
}
