// A hand-made character tokenizer for tests: pad 0, bos 1, eos 2, then one id per character.
import type { Tokenizer } from '@sous/core';

export function testTokenizer(
  alphabet: string,
  specials: { bos?: number; eos?: number; pad?: number } = { pad: 0, bos: 1, eos: 2 },
): Tokenizer {
  const chars = Array.from(alphabet);
  return {
    ...specials,
    vocabSize: 3 + chars.length,
    encode: (text) =>
      Array.from(text, (char) => {
        const index = chars.indexOf(char);
        if (index < 0) throw new Error(`unknown character ${JSON.stringify(char)}`);
        return 3 + index;
      }),
    decode: (ids) =>
      ids
        .filter((id) => id >= 3)
        .map((id) => chars[id - 3])
        .join(''),
  };
}
