// The affine map of GPT-2's Conv1D: y = x @ W + b with W in [in, out] layout.
import { tf } from './tf.js';
import { customGradient } from './custom-grad.js';
import { matMulGradients, sumRows } from './matmul.js';

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
