// LayerNorm over the last axis, with a hand-written gradient: tfjs's automatic one reduces the
// weight and bias gradients over the leading axis, which wasm does slowly (see sumRows).
import { customGradient, FUSED_KERNELS, fusedKernelAvailable, sumRows, tf } from '@sous/core';

/** (x − mean) / √(var + eps) over each row, and 1/√(var + eps) [n, 1] (biased variance). */
function normalize(x: tf.Tensor2D, eps: number): { normalized: tf.Tensor2D; inverseStd: tf.Tensor2D } {
  const centered = tf.sub(x, tf.mean(x, -1, true));
  const inverseStd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), eps)) as tf.Tensor2D;
  return { normalized: tf.mul(centered, inverseStd), inverseStd };
}

/** x̂·weight + bias with x̂ = normalize(x), for x [n, d]. */
export function layerNorm(x: tf.Tensor2D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor2D {
  if (fusedKernelAvailable(FUSED_KERNELS.layerNorm)) return fusedLayerNorm(x, weight, bias, eps);
  const op = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D]>((input, w, b, save) => {
    const { normalized, inverseStd } = normalize(input, eps);
    save([normalized, inverseStd, w]);
    return {
      value: tf.add(tf.mul(normalized, w), b),
      gradFunc: (dy, [xHat, invStd, savedW]) => {
        // dx = (g − mean(g) − x̂·mean(g·x̂)) / σ with g = dy·weight, means over each row.
        const g = tf.mul(dy, savedW);
        const dx = tf.mul(
          tf.sub(tf.sub(g, tf.mean(g, -1, true)), tf.mul(xHat, tf.mean(tf.mul(g, xHat), -1, true))),
          invStd,
        );
        return [dx, sumRows(tf.mul(dy, xHat) as tf.Tensor2D), sumRows(dy)];
      },
    };
  });
  return op(x, weight, bias);
}

/** The same function and gradient as one kernel each way, where the backend has them (native). */
function fusedLayerNorm(x: tf.Tensor2D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor2D {
  const op = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D]>((input, w, b, save) => {
    const [y, xHat, inverseStd] = tf
      .engine()
      .runKernel(FUSED_KERNELS.layerNorm, { x: input, weight: w, bias: b }, { eps }) as tf.Tensor[];
    save([xHat, inverseStd, w]);
    return {
      value: y as tf.Tensor2D,
      gradFunc: (dy, [savedXHat, savedInverseStd, savedW]) =>
        tf.engine().runKernel(FUSED_KERNELS.layerNormGrad, {
          dy,
          xHat: savedXHat,
          inverseStd: savedInverseStd,
          weight: savedW,
        }) as tf.Tensor[],
    };
  });
  return op(x, weight, bias);
}
