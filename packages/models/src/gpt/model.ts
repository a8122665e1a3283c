// GptModel: a GPT-2-style decoder (nanoGPT's structure) implementing @sous/core's LanguageModel.
//
//   h = wte[tokens] + wpe[positions]
//   each block: h += c_proj(attention(c_attn(ln_1(h))));  h += mlp.c_proj(gelu(mlp.c_fc(ln_2(h))))
//   logits = ln_f(h) @ headᵀ    (head = wte.weight when tied, else lm_head.weight; both [vocab, d])
//
// Activations are kept 2-D ([batch·time, d]) so that every linear map is one plain 2-D product,
// the fast path of the wasm backend.
import {
  FUSED_KERNELS,
  fusedKernelAvailable,
  linear,
  matMul,
  SousError,
  swapLastAxes,
  tf,
  type DecodeCache,
  type LanguageModel,
  type Rng,
  type Tokenizer,
} from '@sous/core';
import {
  causalSelfAttention,
  fusedCausalSelfAttention,
  fusedDecodeSelfAttention,
  type LayerKv,
} from '../layers/attention.js';
import { embed } from '../layers/embedding.js';
import { gelu } from '../layers/gelu.js';
import { layerNorm } from '../layers/layer-norm.js';
import { GptKvCache } from './cache.js';
import { validateGptConfig, type GptConfig } from './config.js';
import { initialGptWeights } from './init.js';
import { gptWeightSpecs, layerWeightNames } from './weights.js';

export interface GptModelOptions {
  /** False for a frozen model: its variables are not trainable (default true). */
  trainable?: boolean;
  tokenizer?: Tokenizer;
}

export class GptModel implements LanguageModel {
  readonly kind = 'model';
  readonly trainable: boolean;
  readonly tokenizer?: Tokenizer;
  private readonly variables: Map<string, tf.Variable>;
  private readonly layerNames: ReturnType<typeof layerWeightNames>[];

  /** Takes ownership of `variables` (one per name of `gptWeightSpecs(config)`). */
  private constructor(
    readonly config: GptConfig,
    variables: Map<string, tf.Variable>,
    options: GptModelOptions,
  ) {
    this.variables = variables;
    this.trainable = options.trainable ?? true;
    this.tokenizer = options.tokenizer;
    this.layerNames = Array.from({ length: config.layers }, (_, layer) => layerWeightNames(layer));
  }

  /** A freshly initialised model (GPT-2 init, drawn from `rng`: see init.ts). */
  static create(config: GptConfig, rng: Rng, options: GptModelOptions = {}): GptModel {
    validateGptConfig(config);
    const trainable = options.trainable ?? true;
    const variables = new Map<string, tf.Variable>();
    for (const [name, { shape, values }] of initialGptWeights(config, rng)) {
      variables.set(
        name,
        tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), trainable)),
      );
    }
    return new GptModel(config, variables, options);
  }

  /**
   * A model over the given weights (copied: the caller still owns `weights`). Every weight of
   * the config must be present with its shape; extra names are an error too. `source` names the
   * file the weights came from, in errors.
   */
  static fromWeights(
    config: GptConfig,
    weights: Map<string, tf.Tensor>,
    options: GptModelOptions = {},
    source?: string,
  ): GptModel {
    validateGptConfig(config, source);
    const specs = gptWeightSpecs(config);
    for (const [name, spec] of specs) {
      const tensor = weights.get(name);
      if (!tensor) throw new SousError(`missing weight "${name}" (shape [${spec.shape}])`, { file: source });
      if (!sameShape(tensor.shape, spec.shape)) {
        throw new SousError(`weight "${name}" has shape [${tensor.shape}], expected [${spec.shape}]`, { file: source });
      }
    }
    for (const name of weights.keys()) {
      if (!specs.has(name)) throw new SousError(`unexpected weight "${name}" for this GPT config`, { file: source });
    }
    const trainable = options.trainable ?? true;
    const variables = new Map<string, tf.Variable>();
    for (const name of specs.keys()) {
      variables.set(
        name,
        tf.tidy(() => tf.variable(tf.cast(weights.get(name)!, 'float32'), trainable)),
      );
    }
    return new GptModel(config, variables, options);
  }

  get vocabSize(): number {
    return this.config.vocabSize;
  }

  get contextLength(): number {
    return this.config.contextLength;
  }

  /** Weight names (Hugging Face GPT-2 names, see weights.ts) to variables. */
  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.variables);
  }

  logits(tokens: tf.Tensor2D): tf.Tensor3D {
    this.checkTokens(tokens, 0);
    return tf.tidy(() => this.forward(tokens, 0).logits);
  }

  /** An empty cache for `batch` sequences of at most `capacity` positions (default: the context). */
  newCache(batch: number, capacity = this.config.contextLength): GptKvCache {
    if (!Number.isInteger(batch) || batch < 1)
      throw new SousError(`a KV cache needs a positive batch size, found ${batch}`);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > this.config.contextLength) {
      throw new SousError(
        `a KV cache holds between 1 and the context length (${this.config.contextLength}) positions, found ${capacity}`,
      );
    }
    return new GptKvCache(this, batch, capacity);
  }

  decode(tokens: tf.Tensor2D, cache: DecodeCache): tf.Tensor3D {
    if (!(cache instanceof GptKvCache) || cache.owner !== this) {
      throw new SousError('decode: the cache was not made by this model (use model.newCache(batch))');
    }
    if (cache.isDisposed) throw new SousError('decode: the cache was disposed');
    if (tokens.shape[0] !== cache.batch) {
      throw new SousError(`decode: ${tokens.shape[0]} sequences given to a cache made for ${cache.batch}`);
    }
    this.checkTokens(tokens, cache.length);
    const time = tokens.shape[1];
    if (cache.length + time > cache.capacity) {
      throw new SousError(
        `decode: ${time} new position(s) do not fit a KV cache of ${cache.capacity} positions that holds ${cache.length}`,
      );
    }
    cache.prepare(fusedKernelAvailable(FUSED_KERNELS.attentionDecode), this.config.layers, this.config.dModel);
    let kv: LayerKv[] = [];
    const logits = tf.tidy(() => {
      const result = this.forward(tokens, cache.length, cache);
      // Kept tensors survive this scope and the caller's: the cache disposes them.
      for (const layer of result.kv) {
        tf.keep(layer.keys);
        tf.keep(layer.values);
      }
      kv = result.kv;
      return result.logits;
    });
    if (!cache.preallocated) cache.replace(kv);
    cache.advance(time);
    return logits;
  }

  /** A frozen copy of the current weights (the reference policy): shares nothing mutable. */
  frozenCopy(): GptModel {
    const variables = new Map<string, tf.Variable>();
    for (const [name, variable] of this.variables) variables.set(name, tf.variable(variable, false));
    return new GptModel(this.config, variables, { trainable: false, tokenizer: this.tokenizer });
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }

  private checkTokens(tokens: tf.Tensor2D, start: number): void {
    if (tokens.rank !== 2 || tokens.dtype !== 'int32') {
      throw new SousError(`GPT tokens must be an int32 tensor [batch, time], found ${tokens.dtype} [${tokens.shape}]`);
    }
    const end = start + tokens.shape[1];
    if (end > this.config.contextLength) {
      throw new SousError(
        `GPT input reaches position ${end} but the context length is ${this.config.contextLength}` +
          (start > 0 ? ` (${start} positions already in the KV cache)` : ''),
      );
    }
  }

  private matrix(name: string): tf.Tensor2D {
    return this.variables.get(name) as tf.Tensor2D;
  }

  private vector(name: string): tf.Tensor1D {
    return this.variables.get(name) as tf.Tensor1D;
  }

  /** q, k, v [n, d] from c_attn ([d, 3d], columns q | k | v). Three products on column slices of
   * the weight cost less on wasm than one product and a split of its [n, 3d] result. */
  private queryKeyValue(x: tf.Tensor2D, weightName: string, biasName: string): tf.Tensor2D[] {
    const weights = tf.split(this.matrix(weightName), 3, 1) as tf.Tensor2D[];
    const biases = tf.split(this.vector(biasName), 3) as tf.Tensor1D[];
    return weights.map((w, i) => linear(x, w, biases[i]));
  }

  /** Logits for `tokens` at positions start.., and with a `cache` (holding `start` positions) the
   * new keys/values: written into its buffers when preallocated, else every layer's keys/values
   * including the new ones, returned for the cache to keep. */
  private forward(tokens: tf.Tensor2D, start: number, cache?: GptKvCache): { logits: tf.Tensor3D; kv: LayerKv[] } {
    const { heads, layerNormEps: eps, vocabSize } = this.config;
    const [batch, time] = tokens.shape;
    // Positions are looked up per row like tokens: a broadcast add would reduce wpe's gradient
    // over the batch axis, which wasm does slowly.
    const positions = tf.tile(tf.range(start, start + time, 1, 'int32'), [batch]) as tf.Tensor1D;
    let h: tf.Tensor2D = tf.add(
      embed(this.matrix('wte.weight'), tf.reshape(tokens, [-1])),
      embed(this.matrix('wpe.weight'), positions),
    ) as tf.Tensor2D;
    const kv: LayerKv[] = [];
    const fused = cache ? cache.preallocated : fusedKernelAvailable(FUSED_KERNELS.attention);
    this.layerNames.forEach((n, layer) => {
      const normed = layerNorm(h, this.vector(n.ln1Weight), this.vector(n.ln1Bias), eps);
      let output: tf.Tensor2D;
      if (fused) {
        const qkv = linear(normed, this.matrix(n.attnWeight), this.vector(n.attnBias));
        output = cache
          ? fusedDecodeSelfAttention(qkv, batch, time, heads, cache.layers![layer], start)
          : fusedCausalSelfAttention(qkv, batch, time, heads);
      } else {
        const attention = causalSelfAttention(
          ...(this.queryKeyValue(normed, n.attnWeight, n.attnBias) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]),
          batch,
          time,
          heads,
          cache?.layers?.[layer],
        );
        output = attention.output;
        if (cache) kv.push(attention.kv);
      }
      h = tf.add(h, linear(output, this.matrix(n.attnProjWeight), this.vector(n.attnProjBias))) as tf.Tensor2D;
      const hidden = gelu(
        linear(
          layerNorm(h, this.vector(n.ln2Weight), this.vector(n.ln2Bias), eps),
          this.matrix(n.fcWeight),
          this.vector(n.fcBias),
        ),
        this.config.gelu,
      );
      h = tf.add(
        h,
        linear(hidden as tf.Tensor2D, this.matrix(n.fcProjWeight), this.vector(n.fcProjBias)),
      ) as tf.Tensor2D;
    });
    const head = this.matrix(this.config.tiedHead ? 'wte.weight' : 'lm_head.weight');
    const final = layerNorm(h, this.vector('ln_f.weight'), this.vector('ln_f.bias'), eps);
    const logits = matMul(final, swapLastAxes(head) as tf.Tensor2D);
    return { logits: tf.reshape(logits, [batch, time, vocabSize]), kv };
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
