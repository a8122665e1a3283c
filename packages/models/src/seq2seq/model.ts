// Seq2SeqModel: a transformer encoder–decoder (Vaswani et al. 2017) on the GPT's layers, and
// Theme Transformer's gated parallel attention (Shih et al. 2022) as one configuration of it.
//
//   encoder  e = wte[source] + wpe[0..S−1];  each block: e += SelfAttn(ln_1 e | source not pad);
//            e += MLP(ln_2 e);  memory = encoder.ln_f(e)
//   decoder  h = wte[target] + wpe[positions]; each block:
//              sequential (no theme flags):  h += SelfAttn_causal(ln_1 h); h += CrossAttn(ln_cross h, memory)
//              theme (gated parallel):       h += SelfAttn_causal(ln_1 h) + g_t · CrossAttn(ln_cross h, memory)
//            then h += MLP(ln_2 h);  logits = ln_f(h) @ wteᵀ
// Cross-attention never sees source padding. Gates and positions come from layout.ts.
//
// As a LanguageModel (so objectives.nll, samplers and generate take it as they take the GPT) a row
// is packed: the S source tokens (padded with padId), then the target. Logits at the S source
// positions are 0 (uniform: nothing there is predicted), and logits at packed position S + i
// predict target token i + 1, so the first target token (a start token) is always given.
import {
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
import { attend, keyPaddingBias, splitHeads, type LayerKv } from '../layers/attention.js';
import {
  bidirectionalSelfAttentionSublayer,
  causalSelfAttentionSublayer,
  mlpSublayer,
  type WeightLookup,
} from '../layers/block.js';
import { checkCacheBatch, checkDecodeCache } from '../layers/decode-cache.js';
import type { SelfAttentionKv } from '../layers/self-attention-kv.js';
import { embed } from '../layers/embedding.js';
import { frozenVariables, variablesFromValues, variablesFromWeights } from '../layers/variables.js';
import { layerNorm } from '../layers/layer-norm.js';
import { initialWeights } from '../gpt/init.js';
import { layerWeightNames } from '../gpt/weights.js';
import { Seq2SeqCache, type EncodedSource } from './cache.js';
import { positionRows, validateSeq2SeqConfig, type Seq2SeqConfig } from './config.js';
import { targetLayout, type TargetLayout } from './layout.js';
import { crossWeightNames, encoderLayerWeightNames, seq2seqWeightSpecs } from './weights.js';

export interface Seq2SeqModelOptions {
  /** False for a frozen model (default true). */
  trainable?: boolean;
  tokenizer?: Tokenizer;
}

export class Seq2SeqModel implements LanguageModel {
  readonly kind = 'model';
  readonly trainable: boolean;
  readonly tokenizer?: Tokenizer;
  private readonly variables: Map<string, tf.Variable>;
  private readonly weights: WeightLookup;

  private constructor(
    readonly config: Seq2SeqConfig,
    variables: Map<string, tf.Variable>,
    options: Seq2SeqModelOptions,
  ) {
    this.variables = variables;
    this.trainable = options.trainable ?? true;
    this.tokenizer = options.tokenizer;
    this.weights = {
      matrix: (name) => variables.get(name) as tf.Tensor2D,
      vector: (name) => variables.get(name) as tf.Tensor1D,
    };
  }

  /** A freshly initialised model (GPT-2 init over both stacks, drawn from `rng`). */
  static create(config: Seq2SeqConfig, rng: Rng, options: Seq2SeqModelOptions = {}): Seq2SeqModel {
    validateSeq2SeqConfig(config);
    const layers = config.encoderLayers + config.decoderLayers;
    const values = initialWeights(seq2seqWeightSpecs(config), layers, rng);
    return new Seq2SeqModel(config, variablesFromValues(values, options.trainable ?? true), options);
  }

  /** A model over the given weights (copied): every weight of the config, with its shape, and no other. */
  static fromWeights(
    config: Seq2SeqConfig,
    weights: Map<string, tf.Tensor>,
    options: Seq2SeqModelOptions = {},
  ): Seq2SeqModel {
    validateSeq2SeqConfig(config);
    const variables = variablesFromWeights(seq2seqWeightSpecs(config), weights, options.trainable ?? true, 'seq2seq');
    return new Seq2SeqModel(config, variables, options);
  }

  get vocabSize(): number {
    return this.config.vocabSize;
  }

  /** Packed rows: the source, then the target. */
  get contextLength(): number {
    return this.config.sourceLength + this.config.targetLength;
  }

  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.variables);
  }

  /**
   * Decoder logits [batch, T, vocab] for `source` [batch, S] and `target` [batch, T] (teacher
   * forcing), with the gates and positions of `layout` (default: from the theme flags, layout.ts).
   */
  seq2seqLogits(source: tf.Tensor2D, target: tf.Tensor2D, layout?: TargetLayout): tf.Tensor3D {
    this.checkTokens(source, 'source');
    this.checkTokens(target, 'target');
    const { sourceLength, targetLength } = this.config;
    if (source.shape[1] !== sourceLength) {
      throw new SousError(
        `seq2seq source must have ${sourceLength} tokens (pad it with ${this.config.padId}), found ${source.shape[1]}`,
      );
    }
    if (target.shape[1] > targetLength) {
      throw new SousError(`seq2seq target of ${target.shape[1]} tokens exceeds the target length ${targetLength}`);
    }
    if (source.shape[0] !== target.shape[0]) {
      throw new SousError(`seq2seq: ${source.shape[0]} sources for ${target.shape[0]} targets`);
    }
    if (layout && !layout.positions.every((p) => p >= 0 && p < positionRows(this.config))) {
      throw new SousError(`seq2seq layout positions must lie in [0, ${positionRows(this.config)})`);
    }
    return tf.tidy(() => {
      const encoded = this.encode(source.arraySync());
      const rows = target.arraySync();
      return this.decodeTarget(target, layout ?? targetLayout(rows, 0, this.config.theme), encoded).logits;
    });
  }

  logits(tokens: tf.Tensor2D): tf.Tensor3D {
    this.checkTokens(tokens, 'packed');
    const { sourceLength: S } = this.config;
    const [batch, length] = tokens.shape;
    if (length <= S) {
      throw new SousError(
        `seq2seq rows hold the ${S} source tokens then the target; a row of ${length} tokens has no target`,
      );
    }
    if (length > this.contextLength) {
      throw new SousError(
        `seq2seq rows of ${length} tokens exceed the ${this.contextLength} source + target positions`,
      );
    }
    return tf.tidy(() => {
      const source = tf.slice(tokens, [0, 0], [batch, S]);
      const target = tf.slice(tokens, [0, S], [batch, length - S]);
      const decoded = this.seq2seqLogits(source, target);
      return tf.concat([tf.zeros([batch, S, this.vocabSize]), decoded], 1) as tf.Tensor3D;
    });
  }

  newCache(batch: number): Seq2SeqCache {
    checkCacheBatch(batch);
    return new Seq2SeqCache(this, batch);
  }

  /**
   * Packed positions fed incrementally: source tokens are gathered until all S have come (their
   * logits are 0), then the encoder runs once and its cross-attention keys/values stay in the
   * cache; target tokens go through the decoder with cached self-attention keys/values.
   */
  decode(tokens: tf.Tensor2D, cache: DecodeCache): tf.Tensor3D {
    this.checkTokens(tokens, 'packed');
    const [batch, time] = tokens.shape;
    checkDecodeCache(cache, Seq2SeqCache, this, batch);
    const end = cache.length + time;
    if (end > this.contextLength) {
      throw new SousError(
        `seq2seq input reaches position ${end} but source + target hold ${this.contextLength}` +
          ` (${cache.length} positions already in the KV cache)`,
      );
    }
    const rows = tokens.arraySync();
    const S = this.config.sourceLength;
    const sourceCount = Math.max(0, Math.min(time, S - cache.length));
    cache.addSource(rows.map((row) => row.slice(0, sourceCount)));
    if (cache.sourceComplete && !cache.encoded) {
      tf.tidy(() => {
        const encoded = this.encode(cache.sourceRows);
        // Kept tensors survive this scope: the cache disposes them.
        tf.keep(encoded.sourceBias);
        for (const layer of encoded.memory) {
          tf.keep(layer.keys);
          tf.keep(layer.values);
        }
        cache.setEncoded(encoded);
      });
    }
    const targetCount = time - sourceCount;
    if (targetCount === 0) return tf.zeros([batch, time, this.vocabSize]);
    const store = cache.selfAttention;
    store.prepare(targetCount, this.config.decoderLayers, this.config.dModel);
    return tf.tidy(() => {
      const target = tf.slice(tokens, [0, sourceCount], [batch, targetCount]);
      const first = cache.length - S;
      const layout = targetLayout(
        rows.map((row) => row.slice(sourceCount)),
        first,
        this.config.theme,
        cache.layoutStates,
      );
      const result = this.decodeTarget(target, layout, cache.encoded!, store);
      store.commit(result.kv, targetCount);
      return sourceCount === 0
        ? result.logits
        : (tf.concat([tf.zeros([batch, sourceCount, this.vocabSize]), result.logits], 1) as tf.Tensor3D);
    });
  }

  /** A frozen copy of the current weights: shares nothing mutable. */
  frozenCopy(): Seq2SeqModel {
    return new Seq2SeqModel(this.config, frozenVariables(this.variables), {
      trainable: false,
      tokenizer: this.tokenizer,
    });
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }

  private checkTokens(tokens: tf.Tensor2D, what: string): void {
    if (tokens.rank !== 2 || tokens.dtype !== 'int32') {
      throw new SousError(
        `seq2seq ${what} tokens must be an int32 tensor [batch, time], found ${tokens.dtype} [${tokens.shape}]`,
      );
    }
  }

  /** The encoder's output as every decoder layer's cross-attention keys/values, and the padding bias. */
  private encode(source: number[][]): EncodedSource {
    const { heads, layerNormEps: eps, sourceLength: time, padId } = this.config;
    const batch = source.length;
    const w = this.weights;
    const sourceBias = keyPaddingBias(
      source.flatMap((row) => row.map((token) => (token === padId ? 0 : 1))),
      batch,
      heads,
    );
    const ids = tf.tensor1d(source.flat(), 'int32');
    const positions = tf.tile(tf.range(0, time, 1, 'int32'), [batch]) as tf.Tensor1D;
    let e = tf.add(embed(w.matrix('wte.weight'), ids), embed(w.matrix('wpe.weight'), positions)) as tf.Tensor2D;
    const shape = { batch, time, heads, eps };
    for (let layer = 0; layer < this.config.encoderLayers; layer++) {
      const n = encoderLayerWeightNames(layer);
      e = tf.add(e, bidirectionalSelfAttentionSublayer(e, n, w, shape, sourceBias)) as tf.Tensor2D;
      e = tf.add(e, mlpSublayer(e, n, w, eps, this.config.gelu)) as tf.Tensor2D;
    }
    const memory = layerNorm(e, w.vector('encoder.ln_f.weight'), w.vector('encoder.ln_f.bias'), eps);
    const kv = Array.from({ length: this.config.decoderLayers }, (_, layer) => {
      const n = crossWeightNames(layer);
      const [keyWeight, valueWeight] = tf.split(w.matrix(n.keyValueWeight), 2, 1) as tf.Tensor2D[];
      const [keyBias, valueBias] = tf.split(w.vector(n.keyValueBias), 2) as tf.Tensor1D[];
      return {
        keys: splitHeads(linear(memory, keyWeight, keyBias), batch, time, heads),
        values: splitHeads(linear(memory, valueWeight, valueBias), batch, time, heads),
      };
    });
    return { memory: kv, sourceBias };
  }

  /** Decoder logits for `target` [batch, T], and with a self-attention KV `cache` what
   * causalSelfAttentionSublayer returns for it per layer. */
  private decodeTarget(
    target: tf.Tensor2D,
    layout: TargetLayout,
    encoded: EncodedSource,
    cache?: SelfAttentionKv,
  ): { logits: tf.Tensor3D; kv: LayerKv[] } {
    const { heads, layerNormEps: eps, vocabSize } = this.config;
    const [batch, time] = target.shape;
    const w = this.weights;
    const positions = tf.tensor1d(layout.positions, 'int32');
    let h = tf.add(
      embed(w.matrix('wte.weight'), tf.reshape(target, [-1])),
      embed(w.matrix('wpe.weight'), positions),
    ) as tf.Tensor2D;
    const gates = this.config.theme ? tf.tensor2d(layout.gates, [batch * time, 1]) : undefined;
    const shape = { batch, time, heads, eps };
    const kv: LayerKv[] = [];
    for (let layer = 0; layer < this.config.decoderLayers; layer++) {
      const n = layerWeightNames(layer);
      const self = causalSelfAttentionSublayer(h, n, w, shape, cache && { store: cache, layer });
      if (self.kv) kv.push(self.kv);
      const cross = (input: tf.Tensor2D) => {
        const c = crossWeightNames(layer);
        const query = linear(
          layerNorm(input, w.vector(c.lnWeight), w.vector(c.lnBias), eps),
          w.matrix(c.queryWeight),
          w.vector(c.queryBias),
        );
        const attended = attend(query, encoded.memory[layer], batch, time, heads, encoded.sourceBias);
        return linear(attended, w.matrix(c.projWeight), w.vector(c.projBias));
      };
      if (gates) {
        h = tf.addN([h, self.output, tf.mul(gates, cross(h))]) as tf.Tensor2D;
      } else {
        h = tf.add(h, self.output) as tf.Tensor2D;
        h = tf.add(h, cross(h)) as tf.Tensor2D;
      }
      h = tf.add(h, mlpSublayer(h, n, w, eps, this.config.gelu)) as tf.Tensor2D;
    }
    const final = layerNorm(h, w.vector('ln_f.weight'), w.vector('ln_f.bias'), eps);
    const logits = matMul(final, swapLastAxes(w.matrix('wte.weight')) as tf.Tensor2D);
    return { logits: tf.reshape(logits, [batch, time, vocabSize]), kv };
  }
}
