// Rollouts reduced to what reward nodes read: completion texts, examples, groups and lengths.
import type { Example, Rollouts } from '@sous/core';

export function rolloutsOf(
  texts: string[],
  answers: string[] | string,
  options: { groupSize?: number; lengths?: number[]; maxNew?: number } = {},
): Rollouts {
  const groupSize = options.groupSize ?? texts.length;
  const examples: Example[] = texts.map((_, i) => ({
    prompt: `q${Math.floor(i / groupSize)}`,
    answer: Array.isArray(answers) ? answers[i] : answers,
  }));
  return {
    kind: 'rollouts',
    size: texts.length,
    length: 0,
    groupSize,
    examples,
    group: Int32Array.from(texts, (_, i) => Math.floor(i / groupSize)),
    tokens: new Int32Array(0),
    promptLength: new Int32Array(texts.length),
    completionLength: Int32Array.from(options.lengths ?? texts.map((t) => t.length + 1)),
    completionMask: new Float32Array(0),
    truncated: new Uint8Array(texts.length),
    sampleLogProbs: new Float32Array(0),
    demonstrated: new Float32Array(0),
    texts,
    temperature: 1,
    maxNew: options.maxNew ?? 16,
    vocab: { vocabSize: 0, encode: () => [], decode: () => '' },
  };
}

export function close(actual: ArrayLike<number>, expected: number[], tolerance = 1e-6): boolean {
  return (
    actual.length === expected.length &&
    expected.every((e, i) => (Number.isNaN(e) ? Number.isNaN(actual[i]) : Math.abs(actual[i] - e) <= tolerance))
  );
}
