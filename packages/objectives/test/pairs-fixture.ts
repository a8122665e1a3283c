// Hand-made preference pairs over the bigram test vocabulary (pad 0, bos 1, eos 2, a 3, b 4) and a
// float64 reference of their summed answer log-probs, for the DPO-family tests.
import type { Pairs } from '@sous/core';
import { refLogProb } from './rollouts-fixture.js';

export const policyTable = [
  [0, 0, 0, 0, 0],
  [0.1, -0.4, 0.3, 0.8, -0.2],
  [0, 0, 0, 0, 0],
  [0.2, 0.1, 0.9, -0.3, 0.4],
  [-0.1, 0.5, 0.2, 0.6, -0.7],
];
export const refTable = [
  [0, 0, 0, 0, 0],
  [0.3, 0.2, -0.1, 0.4, 0.5],
  [0, 0, 0, 0, 0],
  [-0.2, 0.3, 0.4, 0.1, 0.2],
  [0.5, -0.3, 0.1, 0.2, 0.3],
];

/** Pair rows: prompt "a" then chosen / rejected answers (token ids), eos appended. */
const prompts = [[3], [3], [4]];
const chosen = [[3], [4, 3], [3, 3]];
const rejected = [[4], [3], [4, 4, 3]];

function rows(): { tokens: number[][]; firstTarget: number[] } {
  const sides = [...chosen, ...rejected].map((answer, row) => [1, ...prompts[row % prompts.length], ...answer, 2]);
  return { tokens: sides, firstTarget: sides.map((_, row) => 1 + prompts[row % prompts.length].length) };
}

export function makePairs(): Pairs {
  const { tokens, firstTarget } = rows();
  const length = Math.max(...tokens.map((row) => row.length));
  const flat = new Int32Array(tokens.length * length);
  const targetMask = new Float32Array(tokens.length * length);
  tokens.forEach((row, i) => {
    flat.set(row, i * length);
    targetMask.fill(1, i * length + firstTarget[i], i * length + row.length);
  });
  return {
    kind: 'pairs',
    size: prompts.length,
    batch: { kind: 'batch', size: tokens.length, length, tokens: flat, targetMask, examples: [] },
    examples: prompts.map(() => ({ prompt: '', answer: '', chosen: '', rejected: '' })),
  };
}

/** ℓ(y|x) of each row (chosen rows, then rejected), in float64. */
export function answerLogProbs(table: number[][]): number[] {
  const { tokens, firstTarget } = rows();
  return tokens.map((row, i) =>
    row.slice(firstTarget[i]).reduce((sum, token, t) => sum + refLogProb(table, row[firstTarget[i] + t - 1], token), 0),
  );
}

/** u of each pair: [ℓ_θ − ℓ_ref](chosen) − [ℓ_θ − ℓ_ref](rejected), in float64. */
export function referenceMargins(policy: number[][], ref: number[][]): number[] {
  const policyLp = answerLogProbs(policy);
  const refLp = answerLogProbs(ref);
  const pairs = prompts.length;
  return prompts.map((_, i) => policyLp[i] - refLp[i] - (policyLp[pairs + i] - refLp[pairs + i]));
}
