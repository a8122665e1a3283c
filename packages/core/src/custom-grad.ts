import { tf } from './tf.js';

type GradientFunction<T extends tf.Tensor> = (dy: T, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** `tf.customGrad` with typed operands: `f(...inputs, save)` returns the value and its gradient
 * function (one gradient per input). */
export function customGradient<T extends tf.Tensor, A extends tf.Tensor[]>(
  f: (...inputsAndSave: [...A, tf.GradSaveFunc]) => { value: T; gradFunc: GradientFunction<T> },
): (...inputs: A) => T {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: A) => T;
}
