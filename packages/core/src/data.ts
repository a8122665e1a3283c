// Values that flow between task, sampler, loss and eval nodes. Plain JavaScript data (typed
// arrays, not tensors): a node that needs tensors makes them inside its own (tidy or gradient)
// scope, so nothing leaks across steps.
import type { Tokenizer } from './model.js';

/** One problem: a prompt and its reference answer (tasks may add fields). */
export interface Example {
  prompt: string;
  answer: string;
  [field: string]: unknown;
}

export interface Dataset {
  readonly kind: 'dataset';
  readonly name: string;
  readonly size: number;
  get(index: number): Example;
  /** The tokenizer its text is written in, so `samplers.dataset(task.train)` can tokenize. */
  readonly vocab?: Tokenizer;
  /** The task's verifier, so an eval can take `task.test` alone (see `Task.verify`). */
  verify?(completion: string, example: Example): boolean;
}

export interface Task {
  readonly kind: 'task';
  readonly name: string;
  readonly train: Dataset;
  readonly test: Dataset;
  /** The tokenizer the task's text is written in (`task.vocab` in a recipe). */
  readonly vocab: Tokenizer;
  /** True when `completion` (the generated text after the prompt) answers `example` correctly. */
  verify(completion: string, example: Example): boolean;
}

/** A batch of token sequences for teacher-forced losses (SFT): row-major [size, length]. */
export interface Batch {
  readonly kind: 'batch';
  readonly size: number;
  readonly length: number;
  /** Token ids, padded with the tokenizer's pad id. */
  readonly tokens: Int32Array;
  /** 1 where the token at that position is a training target (the answer and eos), else 0. */
  readonly targetMask: Float32Array;
  readonly examples: Example[];
}

/** Preference pairs for one step (`samplers.pairs`): P prompts, each with a chosen and a rejected
 * answer. Both sides share one teacher-forcing batch of 2P rows, so a loss scores them in one
 * forward pass: row i (i < P) is pair i's prompt + chosen answer, row P + i the same prompt +
 * its rejected answer. `batch.targetMask` marks each row's answer tokens and eos. */
export interface Pairs {
  readonly kind: 'pairs';
  /** P: number of pairs. */
  readonly size: number;
  readonly batch: Batch;
  /** The pairs' examples: `prompt`, `chosen` and `rejected` strings. */
  readonly examples: Example[];
}

/** What an eval node returns: named scalar metrics (`accuracy`, `pass@1`, ...). */
export type Metrics = Record<string, number>;

// ---- policy-gradient values: sampler → reward → advantage → mask → loss ---------------------
// N sequences in groups of G completions per prompt (group-major: sequence i belongs to group
// `group[i]`), L positions. [N, L] arrays are row-major, and a per-position value at t is about
// token t, which a model predicts from the tokens before it (the `Batch.targetMask` convention).

/** Prompts drawn for one step (`samplers.prompts`). */
export interface Prompts {
  readonly kind: 'prompts';
  readonly examples: Example[];
  /** The tokenizer of the dataset they came from, when it carries one. */
  readonly vocab?: Tokenizer;
}

/** Sampled completions with everything a reward, mask or loss needs (`samplers.group`, ...). */
export interface Rollouts {
  readonly kind: 'rollouts';
  /** N: number of sequences. */
  readonly size: number;
  /** L: positions per sequence (prompt + completion, right-padded). */
  readonly length: number;
  /** G: completions per prompt. */
  readonly groupSize: number;
  /** The prompt's example, per sequence. */
  readonly examples: Example[];
  /** [N] group (prompt) index, 0-based; sequences of one group are consecutive. */
  readonly group: Int32Array;
  /** [N, L] prompt tokens (bos first when the tokenizer has one), then the completion, then pad. */
  readonly tokens: Int32Array;
  /** [N] number of prompt tokens: the completion starts at this position. */
  readonly promptLength: Int32Array;
  /** [N] number of completion tokens, the stop token included. */
  readonly completionLength: Int32Array;
  /** [N, L] 1 on completion tokens (sampled or demonstrated, stop token included), else 0. */
  readonly completionMask: Float32Array;
  /** [N] 1 when the completion reached `maxNew` tokens without a stop token. */
  readonly truncated: Uint8Array;
  /** [N, L] log-prob of each completion token under the distribution the sampler drew it from
   * (after temperature, top-k and top-p); for demonstrated tokens the policy's own tempered
   * log-prob; 0 outside the completion. The behaviour policy of importance-sampling corrections. */
  readonly sampleLogProbs: Float32Array;
  /** [N, L] 1 on completion tokens copied from a demonstration (`samplers.prefix`), else 0. */
  readonly demonstrated: Float32Array;
  /** Completion texts, stop tokens left out (what verifiers read). */
  readonly texts: string[];
  /** Sampling temperature (0: greedy). Losses score tokens at the same temperature (1 if 0). */
  readonly temperature: number;
  /** The sampler's completion budget (the constant of a `constant` loss aggregation). */
  readonly maxNew: number;
  readonly vocab: Tokenizer;
}

/** A classifier read window by window over generated sequences: what a style reward asks of a model
 * (rewards.style_classifier reads one, music.style_scorer makes one from a bootleg-score CNN). */
export interface SequenceClassifier {
  readonly kind: 'sequence_classifier';
  /** Class names, indexed by class. */
  readonly classes: readonly string[];
  /** Per sequence of the rollouts, log p(class | window) for each of its windows: row-major
   * [windows, classes]; empty when the sequence has no window. */
  windowLogProbs(rollouts: Rollouts): Float64Array[];
}

/** [N] one scalar reward per sequence. NaN means the reward node abstained for that sequence
 * (e.g. a numeric reward on a non-numeric answer): combinations skip it, advantages give it 0. */
export type Rewards = Float32Array;

/** [N, L] per-token weights in {0, 1} (or [0, 1]); combined with `& | !` by the executor. */
export type Mask = Float32Array;

/** Advantages per sequence ([N], the same value for each of its tokens) or per token ([N, L]). */
export interface Advantages {
  readonly kind: 'advantages';
  readonly level: 'sequence' | 'token';
  readonly values: Float32Array;
}
