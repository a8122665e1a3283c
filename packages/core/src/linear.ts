// The affine map of GPT-2's Conv1D: y = x @ W + b with W in [in, out] layout, and the dense SiLU
// layer silu(x @ W + b) that the diffusion MLP stacks.
import { tf } from './tf.js';
import { customGradient } from './custom-grad.js';
import { FUSED_KERNELS, fusedKernelAvailable } from './fused-kernels.js';
import { matMulGradients, sumRows } from './matmul.js';
import { silu } from './silu.js';

const linearOp = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  save([x, w]);
  return {
    // The fused kernel adds the bias in the same pass as the product.
    value: tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, [sx, sw]: tf.Tensor[]) => [...matMulGradients(dy, sx, sw), sumRows(dy)],
  };
});

/** x [n, in] @ w [in, out] + b [out] → [n, out]. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return linearOp(x, w, b);
}

const fusedLinearSilu = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  const [y, pre] = tf.engine().runKernel(FUSED_KERNELS.linearSilu, { x, weight: w, bias: b }) as tf.Tensor2D[];
  save([x, w, pre]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor2D, [sx, sw, spre]: tf.Tensor[]) =>
      tf.engine().runKernel(FUSED_KERNELS.linearSiluGrad, { dy, x: sx, weight: sw, pre: spre }) as tf.Tensor[],
  };
});

/** silu(x [n, in] @ w [in, out] + b [out]) → [n, out]. One kernel each way where the backend fuses
 * it (native, float32; the same numbers bit for bit as the two ops, with ~10 fewer tfjs kernel
 * calls per layer and step); elsewhere `silu(linear(x, w, b))`. */
export function linearSilu(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const fusable =
    [x, w, b].every((t) => t.dtype === 'float32') &&
    x.rank === 2 &&
    w.rank === 2 &&
    b.rank === 1 &&
    x.shape[1] === w.shape[0] &&
    b.shape[0] === w.shape[1] &&
    fusedKernelAvailable(FUSED_KERNELS.linearSilu);
  // Anything else takes the two ops, which also give tfjs's errors for wrong shapes and dtypes.
  return fusable ? fusedLinearSilu(x, w, b) : silu(linear(x, w, b));
}
