// The character vocabulary of free-form text: every character that occurs in the examples.
import type { Example } from '@sous/core';
import { CharTokenizer } from '@sous/models';

/** A CharTokenizer over the characters of every prompt and answer, in code-point order. */
export function charVocabularyOf(examples: Iterable<Example>): CharTokenizer {
  const chars = new Set<string>();
  for (const { prompt, answer } of examples) {
    for (const char of prompt) chars.add(char);
    for (const char of answer) chars.add(char);
  }
  return new CharTokenizer([...chars].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!).join(''));
}
