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

/** What an eval node returns: named scalar metrics (`accuracy`, `pass@1`, ...). */
export type Metrics = Record<string, number>;
