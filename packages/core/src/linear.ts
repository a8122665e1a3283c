// The affine map of GPT-2's Conv1D: y = x @ W + b with W in [in, out] layout, and the dense SiLU
// layer silu(x @ W + b) that the diffusion MLP stacks.
import { tf } from './tf.js';
import { customGradient } from './custom-grad.js';
import { FUSED_KERNELS, fusedKernelAvailable } from './fused-kernels.js';
import { matMulGradients, sumRows } from './matmul.js';
import { silu } from './silu.js';

const unfusedLinear = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  save([x, w]);
  return {
    // The fused kernel adds the bias in the same pass as the product.
    value: tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, [sx, sw]: tf.Tensor[]) => [...matMulGradients(dy, sx, sw), sumRows(dy)],
  };
});

const fusedLinear = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  save([x, w]);
  return {
    value: tf.engine().runKernel(FUSED_KERNELS.linear, { x, weight: w, bias: b }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, [sx, sw]: tf.Tensor[]) =>
      tf.engine().runKernel(FUSED_KERNELS.linearGrad, { dy, x: sx, weight: sw }) as tf.Tensor[],
  };
});

const fusedLinearSilu = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  const [y, pre] = tf.engine().runKernel(FUSED_KERNELS.linearSilu, { x, weight: w, bias: b }) as tf.Tensor2D[];
  save([x, w, pre]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor2D, [sx, sw, spre]: tf.Tensor[]) =>
      tf.engine().runKernel(FUSED_KERNELS.linearSiluGrad, { dy, x: sx, weight: sw, pre: spre }) as tf.Tensor[],
  };
});

/** Whether the backend has `kernel` and the operands are a float32 dense layer's; anything else
 * takes the unfused ops, which also give tfjs's errors for wrong shapes and dtypes. */
function fusable(kernel: string, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): boolean {
  return (
    [x, w, b].every((t) => t.dtype === 'float32') &&
    x.rank === 2 &&
    w.rank === 2 &&
    b.rank === 1 &&
    x.shape[1] === w.shape[0] &&
    b.shape[0] === w.shape[1] &&
    fusedKernelAvailable(kernel)
  );
}

/** x [n, in] @ w [in, out] + b [out] → [n, out]. One kernel each way where the backend fuses it
 * (native: the same products as the unfused ops, so the same numbers bit for bit, without the
 * reshapes and the three products' separate calls); elsewhere tfjs's fused matMul and products. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return fusable(FUSED_KERNELS.linear, x, w, b) ? fusedLinear(x, w, b) : unfusedLinear(x, w, b);
}

/** silu(x [n, in] @ w [in, out] + b [out]) → [n, out]. One kernel each way where the backend fuses
 * it (native, float32; the same numbers bit for bit as the two ops, with ~10 fewer tfjs kernel
 * calls per layer and step); elsewhere `silu(linear(x, w, b))`. */
export function linearSilu(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return fusable(FUSED_KERNELS.linearSilu, x, w, b) ? fusedLinearSilu(x, w, b) : silu(linear(x, w, b));
}
