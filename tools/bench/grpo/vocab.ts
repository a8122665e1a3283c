// The benchmark's tokenizer: token ids written as single characters so prompts can travel as
// Example texts (grpo-tiny's 64 ids as base64's alphabet, larger vocabularies as consecutive
// Latin Extended / IPA letters from U+0100). It has no bos, and its eos is one past the model's
// logits: the workload samples from every token and never stops early, so eos must be a token
// the policy cannot draw.
import type { Tokenizer } from '@sous/core';
import type { Workload } from './workload.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function alphabet(size: number): string[] {
  if (size <= BASE64.length) return Array.from(BASE64.slice(0, size));
  return Array.from({ length: size }, (_, id) => String.fromCodePoint(0x100 + id));
}

const made = new Map<string, Tokenizer>();

/** The workload's tokenizer (one object per workload: the policy and the prompts share it). */
export function benchVocab(w: Workload): Tokenizer {
  const known = made.get(w.name);
  if (known) return known;
  const letters = alphabet(w.vocab);
  const ids = new Map(letters.map((letter, id) => [letter, id]));
  const tokenizer: Tokenizer = {
    vocabSize: w.vocab,
    eos: w.vocab,
    encode(text: string): number[] {
      return Array.from(text, (char) => {
        const id = ids.get(char);
        if (id === undefined) throw new RangeError(`"${char}" is not a ${w.name} token`);
        return id;
      });
    },
    decode(tokenIds: number[]): string {
      return tokenIds.map((id) => letters[id] ?? '·').join('');
    },
  };
  made.set(w.name, tokenizer);
  return tokenizer;
}
