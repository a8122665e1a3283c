// The language's built-in operators, compiled into plan nodes `core.*` (dsl/src/builtins.ts):
// `+ - *` on Loss (scalar tensors) and Rewards, `& | !` on Masks, and `core.const` literals.
// Values are tensors or plain numeric arrays (Rewards and Masks are Float32Array); array results
// are Float32Array. A NaN reward (an abstention) stays NaN through + and -.
import { tf } from '@sous/core';

type Value = unknown;
type NumericArray = ArrayLike<number>;

function isTensor(value: Value): value is tf.Tensor {
  return value instanceof tf.Tensor;
}

function isNumericArray(value: Value): value is NumericArray {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function describe(value: Value): string {
  if (isTensor(value)) return `a tensor of shape [${value.shape}]`;
  if (isNumericArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Applies `tensorOp` when either side is a tensor, else `numberOp` element by element. */
function elementwise(
  a: Value,
  b: Value,
  tensorOp: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  numberOp: (x: number, y: number) => number,
): Value {
  if (isTensor(a) || isTensor(b)) {
    const x = isTensor(a) ? a : tf.tensor(a as number | number[]);
    const y = isTensor(b) ? b : tf.tensor(b as number | number[]);
    return tensorOp(x, y);
  }
  if (typeof a === 'number' && typeof b === 'number') return numberOp(a, b);
  if (isNumericArray(a) && isNumericArray(b)) {
    if (a.length !== b.length) throw new Error(`operands have different lengths (${a.length} and ${b.length})`);
    const out = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = numberOp(a[i], b[i]);
    return out;
  }
  throw new Error(`cannot combine ${describe(a)} with ${describe(b)}`);
}

function unary(x: Value, tensorOp: (t: tf.Tensor) => tf.Tensor, numberOp: (v: number) => number): Value {
  if (isTensor(x)) return tensorOp(x);
  if (typeof x === 'number') return numberOp(x);
  if (isNumericArray(x)) return Float32Array.from(x, numberOp);
  throw new Error(`expected a tensor or a numeric array, got ${describe(x)}`);
}

export type BuiltinOp = (inputs: Record<string, Value>, params: Record<string, unknown>) => Value;

export const BUILTIN_OPS: Record<string, BuiltinOp> = {
  'core.add': ({ a, b }) => elementwise(a, b, tf.add, (x, y) => x + y),
  'core.sub': ({ a, b }) => elementwise(a, b, tf.sub, (x, y) => x - y),
  'core.scale': ({ x }, { factor }) =>
    unary(
      x,
      (t) => tf.mul(t, factor as number),
      (v) => v * (factor as number),
    ),
  // Masks hold weights in [0, 1]: and = product, or = maximum, not = 1 − x.
  'core.and': ({ a, b }) => elementwise(a, b, tf.mul, (x, y) => x * y),
  'core.or': ({ a, b }) => elementwise(a, b, tf.maximum, Math.max),
  'core.not': ({ x }) =>
    unary(
      x,
      (t) => tf.sub(1, t),
      (v) => 1 - v,
    ),
  'core.const': (_inputs, { value }) => value,
};
