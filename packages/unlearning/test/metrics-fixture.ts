// Datasets of "a"/"b" texts over the bigram vocabulary (pad 0, bos 1, eos 2, a 3, b 4), and
// float64 references of what the metric nodes compute from them.
import type { Dataset, Example, Tokenizer } from '@sous/core';
import { bigramLogProb } from './bigram-fixture.js';

const IDS: Record<string, number> = { a: 3, b: 4 };

export const abTokenizer: Tokenizer = {
  vocabSize: 5,
  bos: 1,
  eos: 2,
  pad: 0,
  encode: (text) =>
    Array.from(text, (char) => {
      if (!(char in IDS)) throw new Error(`no token for ${char}`);
      return IDS[char];
    }),
  decode: (ids) => ids.map((id) => 'ab'[id - 3] ?? '').join(''),
};

export function dataset(name: string, examples: Example[]): Dataset {
  return { kind: 'dataset', name, size: examples.length, vocab: abTokenizer, get: (index) => examples[index] };
}

/** Per answer token (eos included): [log p, is argmax, (log p − μ)/σ] under `table`, in float64. */
export function tokenScores(table: number[][], prompt: string, answer: string): [number, boolean, number][] {
  const row = [1, ...abTokenizer.encode(prompt), ...abTokenizer.encode(answer), 2];
  const first = 1 + prompt.length;
  return row.slice(first).map((token, t) => {
    const prev = row[first + t - 1];
    const all = table[prev].map((_, v) => bigramLogProb(table, prev, v));
    const best = all.indexOf(all.reduce((m, x) => Math.max(m, x), -Infinity));
    const mu = all.reduce((sum, lp) => sum + Math.exp(lp) * lp, 0);
    const variance = all.reduce((sum, lp) => sum + Math.exp(lp) * (lp - mu) ** 2, 0);
    return [all[token], best === token, (all[token] - mu) / Math.sqrt(variance)];
  });
}

export const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** exp(mean token log-prob) of `answer` after `prompt`. */
export const normalisedProbability = (table: number[][], prompt: string, answer: string) =>
  Math.exp(meanOf(tokenScores(table, prompt, answer).map(([lp]) => lp)));
