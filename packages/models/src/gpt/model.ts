// GptModel: a GPT-2-style decoder (nanoGPT's structure) implementing @sous/core's LanguageModel.
//
//   h = wte[tokens] + wpe[positions]
//   each block: h += c_proj(attention(c_attn(ln_1(h))));  h += mlp.c_proj(gelu(mlp.c_fc(ln_2(h))))
//   logits = ln_f(h) @ headᵀ    (head = wte.weight when tied, else lm_head.weight; both [vocab, d])
//
// Activations are kept 2-D ([batch·time, d]) so that every linear map is one plain 2-D product,
// the fast path of the wasm backend.
import {
  matMul,
  SousError,
  swapLastAxes,
  transposedMatMulIsSlow,
  tf,
  type DecodeCache,
  type LanguageModel,
  type Rng,
  type Tokenizer,
} from '@sous/core';
import type { LayerKv } from '../layers/attention.js';
import { causalSelfAttentionSublayer, fusedDecodeBlock, mlpSublayer, type WeightLookup } from '../layers/block.js';
import type { SelfAttentionKv } from '../layers/self-attention-kv.js';
import { checkCacheBatch, checkDecodeCache } from '../layers/decode-cache.js';
import { embed } from '../layers/embedding.js';
import { frozenVariables, variablesFromValues, variablesFromWeights } from '../layers/variables.js';
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
    const variables = variablesFromValues(initialGptWeights(config, rng), options.trainable ?? true);
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
    const variables = variablesFromWeights(gptWeightSpecs(config), weights, options.trainable ?? true, 'GPT', source);
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

  get layerCount(): number {
    return this.layerNames.length;
  }

  /** The residual stream [batch, time, dModel] after the first `layers` blocks (0: the embeddings). */
  hiddenStates(tokens: tf.Tensor2D, layers: number): tf.Tensor3D {
    this.checkTokens(tokens, 0);
    if (!Number.isInteger(layers) || layers < 0 || layers > this.layerNames.length) {
      throw new SousError(`hiddenStates: layers must be an integer in 0..${this.layerNames.length}, found ${layers}`);
    }
    const [batch, time] = tokens.shape;
    return tf.tidy(() => tf.reshape(this.residual(tokens, 0, undefined, layers).h, [batch, time, -1]));
  }

  /** The logits this architecture gives `tokens` under other weights of the same layout (a
   * composition of weight maps, kept differentiable in whatever made them). */
  logitsWith(weights: ReadonlyMap<string, tf.Tensor>, tokens: tf.Tensor2D): tf.Tensor3D {
    this.checkTokens(tokens, 0);
    return tf.tidy(() => this.forward(tokens, 0, undefined, weights).logits);
  }

  /** XᵀX of the inputs X [positions, d_in] each block's linear map reads (keyed by the map's weight
   * name), over the positions of `tokens` where `positionMask` [batch, time] is 1: the context
   * covariances of CorDA. */
  linearInputGrams(tokens: tf.Tensor2D, positionMask: tf.Tensor2D): Map<string, number[][]> {
    this.checkTokens(tokens, 0);
    const names = this.layerNames.flatMap((n) => [n.attnWeight, n.attnProjWeight, n.fcWeight, n.fcProjWeight]);
    const grams = tf.tidy(() => {
      const inputs = new Map<string, tf.Tensor2D>();
      this.forward(tokens, 0, undefined, this.variables, inputs);
      const keep = tf.reshape(positionMask, [-1, 1]);
      return names.map((name) => {
        const x = tf.mul(inputs.get(name)!, keep);
        return tf.matMul(x, x, true, false);
      });
    });
    const result = new Map(names.map((name, i) => [name, grams[i].arraySync() as number[][]] as const));
    for (const gram of grams) gram.dispose();
    return result;
  }

  /** An empty cache for `batch` sequences of at most `capacity` positions (default: the context). */
  newCache(batch: number, capacity = this.config.contextLength): GptKvCache {
    checkCacheBatch(batch);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > this.config.contextLength) {
      throw new SousError(
        `a KV cache holds between 1 and the context length (${this.config.contextLength}) positions, found ${capacity}`,
      );
    }
    return new GptKvCache(this, batch, capacity);
  }

  decode(tokens: tf.Tensor2D, cache: DecodeCache): tf.Tensor3D {
    checkDecodeCache(cache, GptKvCache, this, tokens.shape[0]);
    this.checkTokens(tokens, cache.length);
    const store = cache.selfAttention;
    store.prepare(tokens.shape[1], this.config.layers, this.config.dModel);
    return tf.tidy(() => {
      const result = this.forward(tokens, store.length, store);
      store.commit(result.kv, tokens.shape[1]);
      return result.logits;
    });
  }

  /** A frozen copy of the current weights (the reference policy): shares nothing mutable. */
  frozenCopy(): GptModel {
    return new GptModel(this.config, frozenVariables(this.variables), { trainable: false, tokenizer: this.tokenizer });
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

  /** Logits for `tokens` at positions start.., and with a KV `cache` (holding `start` positions)
   * what causalSelfAttentionSublayer returns for it per layer. */
  private forward(
    tokens: tf.Tensor2D,
    start: number,
    cache?: SelfAttentionKv,
    weights: ReadonlyMap<string, tf.Tensor> = this.variables,
    inputsOfLinearMaps?: Map<string, tf.Tensor2D>,
  ): { logits: tf.Tensor3D; kv: LayerKv[] } {
    const { layerNormEps: eps, vocabSize } = this.config;
    const [batch, time] = tokens.shape;
    const lookup = weightLookup(weights);
    const { h, kv } = this.residual(tokens, start, cache, this.layerNames.length, lookup, inputsOfLinearMaps);
    const head = lookup.matrix(this.config.tiedHead ? 'wte.weight' : 'lm_head.weight');
    const final = layerNorm(h, lookup.vector('ln_f.weight'), lookup.vector('ln_f.bias'), eps);
    // Decoding needs no gradient: the product reads the head transposed where that is fast, instead
    // of transposing it on every step (the same products, bit for bit).
    const logits =
      cache && !transposedMatMulIsSlow()
        ? tf.matMul(final, head, false, true)
        : matMul(final, swapLastAxes(head) as tf.Tensor2D);
    return { logits: tf.reshape(logits, [batch, time, vocabSize]), kv };
  }

  /** The residual stream [batch·time, dModel] after the first `blocks` blocks, and with a KV
   * `cache` those blocks' keys/values to keep (see causalSelfAttentionSublayer). `inputsOfLinearMaps`
   * receives what each linear map reads. */
  private residual(
    tokens: tf.Tensor2D,
    start: number,
    cache: SelfAttentionKv | undefined,
    blocks: number,
    weights: WeightLookup = weightLookup(this.variables),
    inputsOfLinearMaps?: Map<string, tf.Tensor2D>,
  ): { h: tf.Tensor2D; kv: LayerKv[] } {
    const { heads, layerNormEps: eps } = this.config;
    const [batch, time] = tokens.shape;
    // Positions are looked up per row like tokens: a broadcast add would reduce wpe's gradient
    // over the batch axis, which wasm does slowly.
    // Built here rather than by range and tile kernels: two kernel calls fewer per decoding step.
    const positions = tf.tensor1d(
      Int32Array.from({ length: batch * time }, (_, i) => start + (i % time)),
      'int32',
    );
    let h: tf.Tensor2D = tf.add(
      embed(weights.matrix('wte.weight'), tf.reshape(tokens, [-1])),
      embed(weights.matrix('wpe.weight'), positions),
    ) as tf.Tensor2D;
    const kv: LayerKv[] = [];
    const shape = { batch, time, heads, eps };
    this.layerNames.slice(0, blocks).forEach((n, layer) => {
      const fused =
        cache &&
        !inputsOfLinearMaps &&
        fusedDecodeBlock(h, n, weights, shape, this.config.gelu, { store: cache, layer });
      if (fused) {
        h = fused;
        return;
      }
      const attention = causalSelfAttentionSublayer(
        h,
        n,
        weights,
        shape,
        cache && { store: cache, layer },
        inputsOfLinearMaps,
      );
      if (attention.kv) kv.push(attention.kv);
      h = tf.add(h, attention.output) as tf.Tensor2D;
      h = tf.add(h, mlpSublayer(h, n, weights, eps, this.config.gelu, inputsOfLinearMaps)) as tf.Tensor2D;
    });
    return { h, kv };
  }
}

/** Weights of a name → tensor map (the model's variables, or a composition of weight maps). */
function weightLookup(weights: ReadonlyMap<string, tf.Tensor>): WeightLookup {
  return {
    matrix: (name) => weights.get(name) as tf.Tensor2D,
    vector: (name) => weights.get(name) as tf.Tensor1D,
  };
}
