// customGradient keeps saved variables by reference (the same gradient, one copy less each), and
// untaped gives the same value as the ops it wraps, no gradient through it, and inside a gradient
// scope none of the copies TensorFlow.js's tape keeps of the tensors a recorded op's gradient reads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { customGradient, untaped, untapedIfConstant } from '../src/custom-grad.js';
import { tf } from '../src/tf.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const levels = [0.1, 0.5, 2, 7];

/** Features of a noise level the way the diffusion MLP builds them: ¼ ln σ and its sin and cos. */
const features = (sigma: tf.Tensor) => {
  const label = tf.mul(0.25, tf.log(sigma));
  return tf.concat([label, tf.sin(label), tf.cos(label)], 1);
};

/** `run()`'s result and the Identity kernels (the tape's copies) it ran. */
function countingCopies<T>(run: () => T): { result: T; copies: number } {
  const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const runKernel = engine.runKernel;
  let copies = 0;
  engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
    if (name === 'Identity') copies++;
    return runKernel.call(this, name, ...rest);
  };
  try {
    return { result: run(), copies };
  } finally {
    engine.runKernel = runKernel;
  }
}

/** d/dw Σ (w·features(σ))² and the copies it made, with features(σ) computed through `wrap`. */
function identitiesInGradient(wrap: (compute: () => tf.Tensor) => tf.Tensor): { grad: Float32Array; copies: number } {
  const { result, copies } = countingCopies(() =>
    tf.tidy(() => {
      const sigma = tf.tensor2d(levels, [4, 1]);
      const w = tf.tensor2d([0.5, -1, 2], [1, 3]);
      return tf
        .grad((v: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.mul(
                v,
                wrap(() => features(sigma)),
              ),
            ),
          ),
        )(w)
        .dataSync();
    }),
  );
  return { grad: result as Float32Array, copies };
}

/** x·w with its gradients in x and w, saving both. */
const product = customGradient<tf.Tensor, [tf.Tensor, tf.Tensor]>((x, w, save) => {
  save([x, w]);
  return { value: tf.mul(x, w), gradFunc: (dy, [sx, sw]) => [tf.mul(dy, sw), tf.mul(dy, sx)] };
});

test('a saved variable is kept by reference: the same gradients, one copy fewer', () => {
  const w = tf.variable(tf.tensor1d([0.5, -2, 3]));
  const x = tf.tensor1d([1.5, 0.25, -4]);
  const gradients = (weight: tf.Tensor) =>
    countingCopies(() =>
      tf.tidy(() =>
        tf
          .grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(product(a, b))))([x, weight])
          .map((g) => [...g.dataSync()]),
      ),
    );
  const byReference = gradients(w);
  const copied = gradients(tf.add(w, 0)); // the same values as a plain tensor: saved as a copy
  assert.equal(byReference.result, copied.result);
  // d/dx Σ (x·w)² = 2xw², d/dw = 2x²w
  assert.equal(byReference.result[0], [0.75, 2, -72]);
  assert.equal(byReference.result[1], [2.25, -0.25, 96]);
  assert.is(copied.copies - byReference.copies, 1, 'tape copies');
  w.dispose();
  x.dispose();
});

test('the wrapped ops give the same value, and outside a gradient scope untaped is the computation', () => {
  const [direct, wrapped] = tf.tidy(() => {
    const sigma = tf.tensor2d(levels, [4, 1]);
    return [features(sigma).dataSync(), untaped(() => features(sigma)).dataSync()];
  });
  assert.equal([...wrapped], [...direct]);
  const label = Math.fround(0.25 * Math.fround(Math.log(2)));
  assert.ok(Math.abs(wrapped[2 * 3 + 1] - Math.sin(label)) < 1e-6, 'sin of the third level');
});

test('inside a gradient: the same gradient and none of the tape copies the wrapped ops would need', () => {
  const taped = identitiesInGradient((compute) => compute());
  const constant = identitiesInGradient(untaped);
  assert.equal([...constant.grad], [...taped.grad]);
  // Recorded, mul, log, sin, cos (and the square of the loss) keep copies of what they read.
  assert.ok(taped.copies >= 5, `taped: ${taped.copies} copies`);
  assert.ok(constant.copies < taped.copies - 3, `untaped: ${constant.copies} vs taped ${taped.copies}`);
});

test('no gradient flows into what the computation reads', () => {
  const grad = tf.tidy(() =>
    tf
      .grad((x: tf.Tensor) =>
        tf.add(
          x,
          untaped(() => tf.mul(x, 2)),
        ),
      )(tf.scalar(3))
      .dataSync(),
  );
  // d/dx (x + const) = 1, where d/dx (x + 2x) would be 3.
  assert.equal([...grad], [1]);
});

test('untapedIfConstant keeps a computation off the tape only when what it reads came from untaped', () => {
  const grads = tf.tidy(() => {
    const x = tf.tensor1d([1, 2]);
    // d/dx Σ x·(x + 1): 2x + 1 when the inner sum is taped; x + 1 when it reads a constant.
    const taped = tf.grad((v: tf.Tensor) =>
      tf.sum(
        tf.mul(
          v,
          untapedIfConstant([v], () => tf.add(v, 1)),
        ),
      ),
    )(x);
    const constant = tf.grad((v: tf.Tensor) => {
      const c = untaped(() => tf.add(v, 0));
      return tf.sum(
        tf.mul(
          v,
          untapedIfConstant([c], () => tf.add(c, 1)),
        ),
      );
    })(x);
    return [[...taped.dataSync()], [...constant.dataSync()]];
  });
  assert.equal(grads, [
    [3, 5],
    [2, 3],
  ]);
});

test.run();
