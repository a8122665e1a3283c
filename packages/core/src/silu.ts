// SiLU (swish with β = 1): y = x·σ(x), σ(x) = 1/(1 + e^(−x)); y' = σ(x)·(1 + x·(1 − σ(x))).
import { tf } from './tf.js';
import { customGradient } from './custom-grad.js';
import { FUSED_KERNELS, fusedKernelAvailable } from './fused-kernels.js';

const fusedSilu = customGradient<tf.Tensor, [tf.Tensor]>((x, save) => {
  save([x]);
  return {
    value: tf.engine().runKernel(FUSED_KERNELS.silu, { x }) as tf.Tensor,
    gradFunc: (dy, [saved]) => tf.engine().runKernel(FUSED_KERNELS.siluGrad, { x: saved, dy }) as tf.Tensor,
  };
});

/** SiLU, x·σ(x), elementwise. One kernel each way where the backend fuses it (the native backend,
 * float32); elsewhere the same function from tf.mul and tf.sigmoid. */
export function silu<T extends tf.Tensor>(x: T): T {
  if (x.dtype === 'float32' && fusedKernelAvailable(FUSED_KERNELS.silu)) return fusedSilu(x) as T;
  return tf.mul(x, tf.sigmoid(x)) as T;
}
