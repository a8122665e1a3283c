import { customGradient, FUSED_KERNELS, fusedKernelAvailable, tf } from '@sous/core';
import type { GeluKind } from '../gpt/config.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU: 'exact' 0.5·x·(1 + erf(x/√2)); 'tanh' GPT-2's 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function gelu(x: tf.Tensor, kind: GeluKind): tf.Tensor {
  if (fusedKernelAvailable(FUSED_KERNELS.gelu)) return fusedGelu(x, kind);
  const inner =
    kind === 'exact'
      ? tf.erf(tf.mul(x, Math.SQRT1_2))
      : tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(inner, 1));
}

/** The same function as one kernel each way, where the backend has it (the native backend). */
function fusedGelu(x: tf.Tensor, kind: GeluKind): tf.Tensor {
  const attrs = { tanh: kind === 'tanh' };
  const op = customGradient<tf.Tensor, [tf.Tensor]>((input, save) => {
    save([input]);
    return {
      value: tf.engine().runKernel(FUSED_KERNELS.gelu, { x: input }, attrs) as tf.Tensor,
      gradFunc: (dy, [saved]) => tf.engine().runKernel(FUSED_KERNELS.geluGrad, { x: saved, dy }, attrs) as tf.Tensor,
    };
  });
  return op(x);
}
