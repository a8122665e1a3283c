// The character vocabulary of free-form text: every character that occurs in the examples.
import type { Example, NodeContext } from '@sous/core';
import { CharTokenizer } from '@sous/models';

/** What a node that builds a character vocabulary can fail with: spread into its messages. */
export const charVocabularyMessages = {
  noCharacters: 'every text of the examples is empty, so there is no character to make a vocabulary of',
} as const;

/** A CharTokenizer over the characters of every prompt and answer, in code-point order. */
export function charVocabularyOf(
  examples: Iterable<Example>,
  ctx: NodeContext<keyof typeof charVocabularyMessages>,
): CharTokenizer {
  const chars = new Set<string>();
  for (const { prompt, answer } of examples) {
    for (const char of prompt) chars.add(char);
    for (const char of answer) chars.add(char);
  }
  if (chars.size === 0) ctx.fail('noCharacters');
  return new CharTokenizer([...chars].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!).join(''));
}
