// The benchmark's tokenizer: 64 token ids written as the 64 characters of base64's alphabet, so
// prompts can travel as Example texts. It has no bos, and its eos (64) is one past the model's
// logits: the workload samples from all 64 tokens and never stops early, so eos must be a token
// the policy cannot draw.
import type { Tokenizer } from '@sous/core';
import { VOCAB } from './workload.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export const benchVocab: Tokenizer = {
  vocabSize: VOCAB,
  eos: VOCAB,
  encode(text: string): number[] {
    return Array.from(text, (char) => {
      const id = ALPHABET.indexOf(char);
      if (id < 0) throw new RangeError(`"${char}" is not a grpo-tiny token`);
      return id;
    });
  },
  decode(ids: number[]): string {
    return ids.map((id) => ALPHABET[id] ?? '·').join('');
  },
};
