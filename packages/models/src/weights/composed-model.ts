// A language model whose weights are a function of a few trainable parameters: aTLAS's block
// coefficients Λ (over frozen task vectors), grafting's mask scores S (over frozen θ_pre, θ_ft),
// LoRA factors. The trainer optimises and checkpoints the parameters (namedVariables); `logits`
// runs the GPT architecture on the composed weights, differentiably in the parameters.
// Decoding (sampling, evals) runs on `materialize()`, a plain GPT snapshot taken when a cache is
// made, which may differ from the training-time composition (grafting decodes with the hard top-s
// mask, trains through the sigmoid relaxation).
import { SousError, tf, type LanguageModel } from '@sous/core';
import { GptModel } from '../gpt/model.js';
import type { GptKvCache } from '../gpt/cache.js';
import { disposeWeights } from './weight-map.js';

export interface Composition {
  /** The trainable parameters, by checkpoint name. */
  parameters: Map<string, tf.Variable>;
  /** The weights for training (a new map the caller disposes). */
  compose: () => Map<string, tf.Tensor>;
  /** The weights a decoded or saved model has (default: `compose`). */
  materialize?: () => Map<string, tf.Tensor>;
  /** Frozen tensors the composition reads (disposed with the model). */
  frozen: tf.Tensor[];
}

export class ComposedModel implements LanguageModel {
  readonly kind = 'model';
  readonly trainable = true;
  private snapshot?: GptModel;

  /** `architecture` supplies config and tokenizer only (its own weights are not read). */
  constructor(
    private readonly architecture: GptModel,
    private readonly composition: Composition,
  ) {}

  get vocabSize(): number {
    return this.architecture.vocabSize;
  }

  get contextLength(): number {
    return this.architecture.contextLength;
  }

  get tokenizer() {
    return this.architecture.tokenizer;
  }

  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.composition.parameters);
  }

  logits(tokens: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => this.architecture.logitsWith(this.composition.compose(), tokens));
  }

  /** A trainable GPT holding the materialised weights: the checkpoint this composition stands for. */
  materialize(trainable = true): GptModel {
    const weights = (this.composition.materialize ?? this.composition.compose)();
    const model = GptModel.fromWeights(this.architecture.config, weights, {
      trainable,
      tokenizer: this.architecture.tokenizer,
    });
    disposeWeights(weights);
    return model;
  }

  /** A cache on a fresh snapshot of the materialised weights; one decoding at a time (the
   * previous snapshot is released). */
  newCache(batch: number): GptKvCache {
    this.snapshot?.dispose();
    this.snapshot = this.materialize(false);
    return this.snapshot.newCache(batch);
  }

  decode(tokens: tf.Tensor2D, cache: GptKvCache): tf.Tensor3D {
    if (!this.snapshot) throw new SousError('decode: the cache was not made by this model (use model.newCache(batch))');
    return this.snapshot.decode(tokens, cache);
  }

  dispose(): void {
    this.snapshot?.dispose();
    for (const variable of this.composition.parameters.values()) variable.dispose();
    for (const tensor of this.composition.frozen) tensor.dispose();
  }
}
