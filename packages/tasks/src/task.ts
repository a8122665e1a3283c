// Builds the Task and Dataset values that task nodes return. Each split carries the task's
// tokenizer and verifier, so `samplers.dataset(task.train)` and `objectives.accuracy(policy,
// task.test)` need nothing else.
import type { Dataset, Example, Task, Tokenizer } from '@sous/core';

export type Verifier = (completion: string, example: Example) => boolean;

/** The examples of one split, by index. */
export interface Split {
  readonly size: number;
  get(index: number): Example;
}

export interface TaskParts {
  train: Split;
  test: Split;
  vocab: Tokenizer;
  verify: Verifier;
}

export function makeTask(name: string, { train, test, vocab, verify }: TaskParts): Task {
  return {
    kind: 'task',
    name,
    train: makeDataset(`${name}.train`, train, vocab, verify),
    test: makeDataset(`${name}.test`, test, vocab, verify),
    vocab,
    verify,
  };
}

/** A split over a plain array of examples. */
export function arraySplit(examples: readonly Example[]): Split {
  return { size: examples.length, get: (index) => examples[index] };
}

export function makeDataset(name: string, split: Split, vocab: Tokenizer, verify: Verifier): Dataset {
  return {
    kind: 'dataset',
    name,
    size: split.size,
    vocab,
    verify,
    get(index) {
      if (!Number.isInteger(index) || index < 0 || index >= split.size) {
        throw new RangeError(`${name}: example ${index} is outside 0..${split.size - 1}`);
      }
      return split.get(index);
    },
  };
}
