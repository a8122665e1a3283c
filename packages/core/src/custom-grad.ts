import { tf } from './tf.js';

type GradientFunction<T extends tf.Tensor> = (dy: T, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** `tf.customGrad` with typed operands: `f(...inputs, save)` returns the value and its gradient
 * function (one gradient per input). `save` keeps the tensors the gradient reads; a variable among
 * them is kept by reference, not copied as tfjs copies every saved tensor (a variable outlives the
 * backward pass and no update runs inside it, and each copy is a kernel call). */
export function customGradient<T extends tf.Tensor, A extends tf.Tensor[]>(
  f: (...inputsAndSave: [...A, tf.GradSaveFunc]) => { value: T; gradFunc: GradientFunction<T> },
): (...inputs: A) => T {
  return tf.customGrad(((...inputsAndSave: [...A, tf.GradSaveFunc]) => {
    const tfjsSave = inputsAndSave.pop() as tf.GradSaveFunc;
    let kept: tf.Tensor[] = [];
    const save = (tensors: tf.Tensor[]) => {
      kept = tensors;
      tfjsSave(tensors.filter((t) => !(t instanceof tf.Variable)));
    };
    const { value, gradFunc } = f(...(inputsAndSave as unknown as A), save);
    return {
      value,
      gradFunc: (dy: T, copies: tf.Tensor[]) => {
        let next = 0;
        return gradFunc(
          dy,
          kept.map((t) => (t instanceof tf.Variable ? t : copies[next++])),
        );
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: A) => T;
}

/** Tensors made by `untaped`: constants of any gradient. */
const constants = new WeakSet<tf.Tensor>();

/** `compute()`'s tensor as a constant of the gradient: inside `tf.grad` / `variableGrads` its ops
 * are neither recorded on the tape nor copied for a backward pass (TensorFlow.js keeps a copy of
 * every tensor a recorded op's gradient reads), and no gradient flows into what it reads. For
 * values no gradient needs (noise levels, data, their features); outside a gradient scope it is
 * `compute()`. */
export function untaped<T extends tf.Tensor>(compute: () => T): T {
  const value = customGradient<T, []>(() => ({ value: compute(), gradFunc: () => [] }))();
  constants.add(value);
  return value;
}

/** `untaped(compute)` when each of `reads` (the tensors `compute` reads that its caller did not
 * make itself) came from `untaped`, so that no gradient can flow through them; else `compute()`. */
export function untapedIfConstant<T extends tf.Tensor>(reads: tf.Tensor[], compute: () => T): T {
  return reads.every((t) => constants.has(t)) ? untaped(compute) : compute();
}
