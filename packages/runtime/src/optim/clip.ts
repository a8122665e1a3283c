// Gradient norms and global-norm clipping (torch.nn.utils.clip_grad_norm_ semantics).
import { FUSED_KERNELS, fusedKernelAvailable, tf } from '@sous/core';

/** The L2 norm of each gradient, read back from the device in one transfer. One kernel for all of
 * them where the backend fuses it (native; the same bits as the ops). */
export function gradientNorms(grads: Map<string, tf.Tensor>): Map<string, number> {
  const names = [...grads.keys()];
  if (names.length === 0) return new Map();
  const tensors = [...grads.values()];
  const fused = fusedKernelAvailable(FUSED_KERNELS.sumsOfSquares) && tensors.every((g) => g.dtype === 'float32');
  const squares = tf.tidy(() =>
    fused
      ? (tf.engine().runKernel(FUSED_KERNELS.sumsOfSquares, tensors as unknown as tf.NamedTensorMap) as tf.Tensor)
      : tf.stack(tensors.map((g) => tf.sum(tf.square(g)))),
  );
  const values = squares.dataSync();
  squares.dispose();
  return new Map(names.map((name, i) => [name, Math.sqrt(values[i])]));
}

/** The norm of all gradients taken as one vector: √(Σ‖g_i‖²). */
export function globalNorm(norms: Map<string, number>): number {
  let sum = 0;
  for (const norm of norms.values()) sum += norm * norm;
  return Math.sqrt(sum);
}

/** Scales every gradient by min(1, maxNorm / (totalNorm + 1e-6)), as PyTorch does; returns the
 * gradients unchanged (same tensors) when no clipping is needed. */
export function clipByGlobalNorm(
  grads: Map<string, tf.Tensor>,
  maxNorm: number,
  totalNorm: number,
): Map<string, tf.Tensor> {
  const coefficient = maxNorm / (totalNorm + 1e-6);
  if (coefficient >= 1) return grads;
  return new Map([...grads].map(([name, grad]) => [name, tf.mul(grad, coefficient)]));
}
