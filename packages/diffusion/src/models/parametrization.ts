// What the network's raw output F means, and how each DSM weighting reads in denoiser space.
// With x̃ = x − b = α x_0 + σ ε:
//   eps:   F ≈ ε                 D = (x̃ − σ F)/α
//   x0:    F ≈ x_0               D = F
//   v:     F ≈ (α ε − σ x_0)/r   D = (α x̃ − σ r F)/r²,  r² = α² + σ²
//   score: F ≈ ∇ log p_t         D = (x̃ + σ² F)/α
//   edm:   D = c_skip x̂ + c_out F,  x̂ = x̃/α, σ̂ = σ/α, c_skip = σ_d²/(σ̂² + σ_d²),
//          c_out = σ̂ σ_d/√(σ̂² + σ_d²)  (Karras et al. 2022 preconditioning)
// The network always sees c_in x̃ with c_in = 1/√(α² σ_d² + σ²) (unit-variance input) and the
// noise label c_noise = ¼ ln(σ/α): EDM's choices, applied to every process (our design choice).
import { customGradient, tf } from '@sous/core';

export const PARAMETRIZATIONS = ['eps', 'x0', 'v', 'score', 'edm'] as const;
export type Parametrization = (typeof PARAMETRIZATIONS)[number];
export const WEIGHTINGS = ['natural', ...PARAMETRIZATIONS] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

interface Level {
  alpha: tf.Tensor2D;
  sigma: tf.Tensor2D;
}

export function networkInputScale({ alpha, sigma }: Level, sigmaData: number): tf.Tensor2D {
  return <tf.Tensor2D>tf.rsqrt(tf.add(tf.mul(tf.square(alpha), sigmaData ** 2), tf.square(sigma)));
}

export function noiseLabel({ alpha, sigma }: Level): tf.Tensor2D {
  return tf.mul(0.25, tf.log(tf.div(sigma, alpha))) as tf.Tensor2D;
}

/** D(x, t) from the network output F for x̃ = x − b. */
export function denoisedFromOutput(
  parametrization: Parametrization,
  output: tf.Tensor2D,
  centred: tf.Tensor2D,
  level: Level,
  sigmaData: number,
): tf.Tensor2D {
  return denoised(parametrization, output, centred, level, sigmaData) as tf.Tensor2D;
}

function denoised(
  parametrization: Parametrization,
  output: tf.Tensor2D,
  centred: tf.Tensor2D,
  { alpha, sigma }: Level,
  sigmaData: number,
): tf.Tensor {
  switch (parametrization) {
    case 'eps':
      return epsDenoised(output, centred, alpha, sigma);
    case 'x0':
      return output;
    case 'v': {
      const r2 = tf.add(tf.square(alpha), tf.square(sigma));
      return tf.div(tf.sub(tf.mul(alpha, centred), tf.mul(tf.mul(sigma, tf.sqrt(r2)), output)), r2);
    }
    case 'score':
      return tf.div(tf.add(centred, tf.mul(tf.square(sigma), output)), alpha);
    case 'edm': {
      const relative = tf.div(sigma, alpha);
      const total = tf.add(tf.square(relative), sigmaData ** 2);
      const skip = tf.div(sigmaData ** 2, total);
      const out = tf.div(tf.mul(relative, sigmaData), tf.sqrt(total));
      return tf.add(tf.mul(skip, tf.div(centred, alpha)), tf.mul(out, output));
    }
  }
}

/** λ(t) such that λ ‖D − x_0‖² equals the squared error of `weighting`'s own target
 * (‖F − ε‖² for eps, ‖F − v‖² for v, ...). Derived from the table above. */
export function denoiserWeight(weighting: Parametrization, { alpha, sigma }: Level, sigmaData: number): tf.Tensor {
  const snr = tf.div(tf.square(alpha), tf.square(sigma));
  switch (weighting) {
    case 'eps':
      return snr;
    case 'x0':
      return tf.onesLike(alpha);
    case 'v':
      return tf.div(tf.add(tf.square(alpha), tf.square(sigma)), tf.square(sigma));
    case 'score':
      return tf.div(snr, tf.square(sigma));
    case 'edm': {
      const relative2 = tf.div(tf.square(sigma), tf.square(alpha));
      return tf.div(tf.add(relative2, sigmaData ** 2), tf.mul(relative2, sigmaData ** 2));
    }
  }
}

/** (x̃ − σ F)/α as one record on the gradient tape (the diffusion examples' parametrisation). Its
 * gradients, q = dy/α for x̃ and −q·σ for F, are the kernels TensorFlow.js's own gradients of the
 * three ops run (RealDiv, Neg, Multiply), in their order, so bit for bit, with two saved tensors
 * instead of six and without the casts and reshapes around them. */
function epsDenoised(output: tf.Tensor2D, centred: tf.Tensor2D, alpha: tf.Tensor2D, sigma: tf.Tensor2D): tf.Tensor2D {
  return customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D]>((F, x, save) => {
    save([alpha, sigma]);
    return {
      value: tf.div(tf.sub(x, tf.mul(sigma, F)), alpha) as tf.Tensor2D,
      gradFunc: (dy, [savedAlpha, savedSigma]) => {
        const q = tf.div(dy, savedAlpha);
        return [tf.mul(tf.neg(q), savedSigma), q];
      },
    };
  })(output, centred);
}
