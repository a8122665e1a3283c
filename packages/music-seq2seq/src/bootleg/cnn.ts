// A small convolutional classifier over bootleg-score windows: one convolution layer (k_h × k_w
// kernels, valid padding, ReLU), each filter summed over rows and averaged over columns (how often
// per onset event each local notehead pattern occurs: an interval, a chord shape, a left-hand
// rhythm), a ReLU hidden
// layer and class logits. The convolution is an explicit im2col product: TensorFlow.js's wasm
// backend (and so the native one) has no Conv2DBackpropFilter kernel, so tf.conv2d cannot be
// trained there; the patches are built in JavaScript, since the input needs no gradient. The
// test checks the layer against tf.conv2d.
import { linear, tf, type Rng, type Trainable } from '@sous/core';

export interface CnnOptions {
  height: number;
  width: number;
  classes: number;
  filters: number;
  kernelHeight: number;
  kernelWidth: number;
  hidden: number;
}

type Layer = { weight: tf.Variable<tf.Rank.R2>; bias: tf.Variable<tf.Rank.R1> };

export class BootlegCnn implements Trainable {
  readonly kind = 'model';
  readonly trainable = true;
  private readonly layers: Record<'conv' | 'hidden' | 'out', Layer>;

  constructor(
    readonly options: CnnOptions,
    rng: Rng,
  ) {
    const { classes, filters, kernelHeight, kernelWidth, hidden } = options;
    // PyTorch's default init: U(−1/√fan_in, 1/√fan_in) for weights and biases.
    const layer = (fanIn: number, out: number): Layer => {
      const bound = 1 / Math.sqrt(fanIn);
      const draw = (count: number) => Float32Array.from({ length: count }, () => bound * (2 * rng.uniform() - 1));
      return {
        weight: tf.variable(tf.tensor2d(draw(fanIn * out), [fanIn, out]), true),
        bias: tf.variable(tf.tensor1d(draw(out)), true),
      };
    };
    this.layers = {
      conv: layer(kernelHeight * kernelWidth, filters),
      hidden: layer(filters, hidden),
      out: layer(hidden, classes),
    };
  }

  namedVariables(): Map<string, tf.Variable> {
    const named = new Map<string, tf.Variable>();
    for (const [name, { weight, bias }] of Object.entries(this.layers)) {
      named.set(`${name}.weight`, weight);
      named.set(`${name}.bias`, bias);
    }
    return named;
  }

  /** Number of weights. */
  get size(): number {
    return [...this.namedVariables().values()].reduce((sum, v) => sum + v.size, 0);
  }

  /** Every k_h × k_w patch of every image, one row each: [count · positions, k_h · k_w]. */
  patches(pixels: Float32Array, count: number): tf.Tensor2D {
    const { height, width, kernelHeight: kh, kernelWidth: kw } = this.options;
    const rows = height - kh + 1;
    const cols = width - kw + 1;
    const out = new Float32Array(count * rows * cols * kh * kw);
    let o = 0;
    for (let image = 0; image < count; image++)
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++)
          for (let i = 0; i < kh; i++) {
            const from = (image * height + r + i) * width + c;
            out.set(pixels.subarray(from, from + kw), o);
            o += kw;
          }
    return tf.tensor2d(out, [count * rows * cols, kh * kw]);
  }

  /** The convolution layer before its ReLU: [count, rows, cols, filters], as tf.conv2d with valid padding. */
  convolve(pixels: Float32Array, count: number): tf.Tensor4D {
    const { height, width, kernelHeight, kernelWidth, filters } = this.options;
    const { weight, bias } = this.layers.conv;
    const flat = linear(this.patches(pixels, count), weight, bias);
    return tf.reshape(flat, [count, height - kernelHeight + 1, width - kernelWidth + 1, filters]);
  }

  /** Class logits [count, classes] of row-major [count, height, width] images. */
  logits(pixels: Float32Array, count: number): tf.Tensor2D {
    // Summed over rows and averaged over columns: how often per onset event each pattern occurs
    // (a mean over every position would shrink the features by the 54 rows, most of them empty).
    const features = tf.mean(tf.sum(tf.relu(this.convolve(pixels, count)), 1), 1) as tf.Tensor2D;
    const hidden = tf.relu(linear(features, this.layers.hidden.weight, this.layers.hidden.bias));
    return linear(hidden, this.layers.out.weight, this.layers.out.bias);
  }
}

export function isBootlegCnn(model: unknown): model is BootlegCnn {
  return model instanceof BootlegCnn;
}
