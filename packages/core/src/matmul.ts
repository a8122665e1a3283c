// Matrix products whose gradients avoid the slow kernel variants of the active backend. tfjs's own
// matMul gradient passes transpose flags, which the plain wasm backend runs in a slow loop (~15x
// slower than an untransposed 2-D product): there an explicit transpose followed by a plain
// product is fast. Backends with real BLAS (native, tensorflow) take the flags directly.
import { transposedMatMulIsSlow } from './fused-kernels.js';
import { tf } from './tf.js';
import { customGradient } from './custom-grad.js';

/** Swaps the last two axes ([m, n] → [n, m], [b, m, n] → [b, n, m]). */
export function swapLastAxes(t: tf.Tensor): tf.Tensor {
  const perm = [...Array(t.rank).keys()];
  [perm[t.rank - 2], perm[t.rank - 1]] = [perm[t.rank - 1], perm[t.rank - 2]];
  return tf.transpose(t, perm);
}

/** aᵀ @ dy, transposing whichever operand is smaller (wasm transposes are slow). */
function transposedProduct(a: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  if (a.rank === 2 && (a as tf.Tensor2D).shape[1] > (dy as tf.Tensor2D).shape[1]) {
    return tf.transpose(tf.matMul(tf.transpose(dy), a)); // (dyᵀ @ a)ᵀ
  }
  return tf.matMul(swapLastAxes(a), dy);
}

/** Gradients of y = a @ b with respect to a and b, given dy: dy @ bᵀ and aᵀ @ dy. */
export function matMulGradients(dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  if (!transposedMatMulIsSlow()) return [tf.matMul(dy, b, false, true), tf.matMul(a, dy, true, false)];
  return [tf.matMul(dy, swapLastAxes(b)), transposedProduct(a, dy)];
}

/** Column sums of x [n, k] → [k], as a product with a row of ones: wasm sums over a leading
 * axis by transposing first, which costs ~100x more. */
export function sumRows(x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]);
}

const matMulOp = customGradient<tf.Tensor, [tf.Tensor, tf.Tensor]>((a, b, save) => {
  save([a, b]);
  return { value: tf.matMul(a, b), gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => matMulGradients(dy, sa, sb) };
});

/** a @ b for 2-D or batched 3-D operands (same batch size), with a fast gradient. */
export function matMul<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  return matMulOp(a, b) as T;
}
