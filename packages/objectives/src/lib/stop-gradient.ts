// sg(x): the value of x with no gradient flowing back (tfjs has no stop_gradient op).
import { tf } from '@sous/core';

const stop = tf.customGrad((x) => ({ value: tf.clone(x as tf.Tensor), gradFunc: (dy) => tf.zerosLike(dy) }));

export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
