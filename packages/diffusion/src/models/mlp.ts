// The MLP denoiser: input [c_in x̃, c_noise, sin/cos(2^k c_noise), one-hot(class or null)] →
// `layers` hidden SiLU layers (the kit's `linearSilu`: one fused kernel each way on native) → d outputs,
// read through its parametrisation (parametrization.ts).
// Layers use the kit's `linear`, whose gradient avoids the transposed matmuls that are slow
// on wasm.
import { linear, linearSilu, tf, untaped, untapedIfConstant, type Rng, type Trainable } from '@sous/core';
import type { NoiseLevels } from '../schedules/schedule.js';
import { levelTensors, type Denoiser, type Labels } from './denoiser.js';
import { denoisedFromOutput, networkInputScale, noiseLabel, type Parametrization } from './parametrization.js';

export interface MlpOptions {
  dim: number;
  hidden: number;
  layers: number;
  /** Sin/cos pairs of the noise-level embedding, at frequencies 1, 2, 4, ... */
  frequencies: number;
  /** Classes to condition on (0: unconditional); one extra "null" class serves label dropout. */
  classes: number;
  parametrization: Parametrization;
  /** σ_d: the data's standard deviation assumed by the input scaling and EDM preconditioning. */
  sigmaData: number;
}

export class MlpDenoiser implements Trainable, Denoiser {
  readonly kind = 'model';
  readonly trainable = true;
  readonly dim: number;
  readonly classes: number;
  readonly parametrization: Parametrization;
  readonly sigmaData: number;
  private readonly weights: { weight: tf.Variable<tf.Rank.R2>; bias: tf.Variable<tf.Rank.R1> }[] = [];

  constructor(
    readonly options: MlpOptions,
    rng: Rng,
  ) {
    this.dim = options.dim;
    this.classes = options.classes;
    this.parametrization = options.parametrization;
    this.sigmaData = options.sigmaData;
    const widths = [this.inputWidth(), ...Array<number>(options.layers).fill(options.hidden), options.dim];
    for (let i = 0; i + 1 < widths.length; i++) {
      // PyTorch's default init: U(−1/√fan_in, 1/√fan_in) for weights and biases.
      const bound = 1 / Math.sqrt(widths[i]);
      const draw = (count: number) => Float32Array.from({ length: count }, () => bound * (2 * rng.uniform() - 1));
      // In a tidy: the initial tensors go, and each variable holds its storage alone.
      const weight = draw(widths[i] * widths[i + 1]),
        bias = draw(widths[i + 1]);
      this.weights.push(
        tf.tidy(() => ({
          weight: tf.variable(tf.tensor2d(weight, [widths[i], widths[i + 1]]), true),
          bias: tf.variable(tf.tensor1d(bias), true),
        })),
      );
    }
  }

  private inputWidth(): number {
    const { dim, frequencies, classes } = this.options;
    return dim + 1 + 2 * frequencies + (classes > 0 ? classes + 1 : 0);
  }

  namedVariables(): Map<string, tf.Variable> {
    const named = new Map<string, tf.Variable>();
    this.weights.forEach(({ weight, bias }, i) => {
      named.set(`layers.${i}.weight`, weight);
      named.set(`layers.${i}.bias`, bias);
    });
    return named;
  }

  denoise(x: tf.Tensor2D, levels: NoiseLevels, labels: Labels): tf.Tensor2D {
    const { parametrization, sigmaData } = this.options;
    const level = levelTensors(levels);
    // What depends on the noise level alone is a constant of the gradient: kept off the tape, and
    // so is the input when x is one (the DSM loss's noisy input; a generator's output is not).
    const centred = untapedIfConstant([x], () => tf.sub(x, level.shift) as tf.Tensor2D);
    const scale = untaped(() => networkInputScale(level, sigmaData));
    const features = untaped(() => this.levelFeatures(level, labels));
    const input = untapedIfConstant([centred], () => tf.concat([tf.mul(scale, centred), features], 1) as tf.Tensor2D);
    return denoisedFromOutput(parametrization, this.network(input), centred, level, sigmaData);
  }

  /** [c_noise, sin/cos(2^k c_noise), one-hot(class or null)]: the network's inputs beside x̃. */
  private levelFeatures(level: { alpha: tf.Tensor2D; sigma: tf.Tensor2D }, labels: Labels): tf.Tensor2D {
    const label = noiseLabel(level);
    const frequencies = tf.tensor2d(
      Float32Array.from({ length: this.options.frequencies }, (_, k) => 2 ** k),
      [1, this.options.frequencies],
    );
    const phases = tf.mul(label, frequencies);
    const features = [label, tf.sin(phases), tf.cos(phases)];
    if (this.classes > 0) features.push(this.oneHot(labels, label.shape[0]));
    return tf.concat(features, 1) as tf.Tensor2D;
  }

  /** F(input): the raw network on [c_in x̃, level features]. */
  private network(input: tf.Tensor2D): tf.Tensor2D {
    let h = input;
    this.weights.forEach(({ weight, bias }, i) => {
      h = i + 1 < this.weights.length ? linearSilu(h, weight, bias) : linear(h, weight, bias);
    });
    return h;
  }

  /** [rows, classes + 1]: the label's column, or the last (null) column for −1 or no labels.
   * Built in JavaScript: wasm has no gradient kernel for gather. */
  private oneHot(labels: Labels, rows: number): tf.Tensor2D {
    const width = this.classes + 1;
    const values = new Float32Array(rows * width);
    for (let row = 0; row < rows; row++) {
      const label = labels?.[row] ?? -1;
      values[row * width + (label >= 0 && label < this.classes ? label : this.classes)] = 1;
    }
    return tf.tensor2d(values, [rows, width]);
  }
}
