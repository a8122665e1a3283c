// What the runtime and the plugins know of a model, so that samplers and objectives depend on
// @sous/core only, never on @sous/models.
import type * as tfTypes from '@tensorflow/tfjs';

/** Anything with weights: the trainer optimises and checkpoints these. */
export interface Trainable {
  readonly kind: 'model';
  /** Weight names (as in a safetensors file) to variables. */
  namedVariables(): Map<string, tfTypes.Variable>;
  /** False for a frozen copy (`models.frozen`): no gradient, not optimised, not checkpointed. */
  readonly trainable: boolean;
}

/** Incremental decoding state of a language model (per-layer keys and values). */
export interface DecodeCache {
  /** Number of positions already in the cache. */
  readonly length: number;
  dispose(): void;
}

export interface Tokenizer {
  readonly vocabSize: number;
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** Special token ids (bos, eos, pad) where the tokenizer has them. */
  readonly bos?: number;
  readonly eos?: number;
  readonly pad?: number;
  /** What may follow what, for tokenizers whose sequences have a syntax (music tokens): samplers
   * draw only the tokens it allows. */
  readonly grammar?: Grammar;
}

/**
 * A token grammar a sampler can enforce. The state is carried per sequence and advanced one token
 * at a time, so checking a step costs the same however long the sequence is.
 */
export interface Grammar<State = unknown> {
  /** The state before the first token. */
  start(): State;
  /** The state after `token`. A token the grammar refuses (a prompt or demonstration may hold one)
   * leaves the state as it was, the way a decoder that skips illegal tokens reads it. */
  advance(state: State, token: number): State;
  /** 1 for every token that may come next, 0 elsewhere (one entry per vocabulary id). */
  allowed(state: State): ArrayLike<number>;
}

/** An autoregressive language model. */
export interface LanguageModel extends Trainable {
  readonly vocabSize: number;
  readonly contextLength: number;
  readonly tokenizer?: Tokenizer;
  /** Logits [batch, time, vocab] for token ids [batch, time] (int32). */
  logits(tokens: tfTypes.Tensor2D): tfTypes.Tensor3D;
  /** An empty cache for `batch` sequences of at most `capacity` positions each (prompt + new
   * tokens; default the context length): a model may allocate its buffers once for that many. */
  newCache(batch: number, capacity?: number): DecodeCache;
  /** Logits [batch, time, vocab] of new tokens [batch, time], appending them to the cache. */
  decode(tokens: tfTypes.Tensor2D, cache: DecodeCache): tfTypes.Tensor3D;
  /** Where the model has layers: the residual stream [batch, time, width] after its first `layers`
   * blocks, for objectives that act on activations (representation misdirection). */
  hiddenStates?(tokens: tfTypes.Tensor2D, layers: number): tfTypes.Tensor3D;
  /** Number of blocks `hiddenStates` can stop after. */
  readonly layerCount?: number;
}
