// Embedding lookup. The gather's own gradient needs UnsortedSegmentSum, which the wasm backend
// lacks; scatterND adds the rows of repeated ids together and exists on every backend.
import { customGradient, tf } from '@sous/core';

/** Rows `ids` [n] (int32) of `table` [vocab, d] → [n, d]. */
export function embed(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const lookup = customGradient<tf.Tensor2D, [tf.Tensor2D]>((t, save) => {
    save([ids]);
    return {
      value: tf.gather(t, ids),
      gradFunc: (dy, [savedIds]) => tf.scatterND(tf.reshape(savedIds, [-1, 1]), dy, t.shape),
    };
  });
  return lookup(table);
}
