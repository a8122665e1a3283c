// The per-example measures of the benchmark, over answer scores (answer-scores.ts), written once
// for the metric nodes that report or combine them.
import { deflateSync } from 'node:zlib';
import { maxOf, type Dataset, type Example, type Fail, type NodeContext } from '@sous/core';
import {
  type answerScoreMessages,
  examplesOf,
  mean,
  normalisedProbability,
  scoreAnswers,
  type AnswerScores,
} from './answer-scores.js';

export interface LikelihoodMeasures {
  /** Mean over examples of exp(mean token log-prob) of the answer (open-unlearning's Q_A_Prob). */
  probability: number;
  /** Share of examples whose every answer token (and eos) is the argmax: what greedy decoding answers. */
  accuracy: number;
  /** Mean share of answer tokens that are the argmax (exact memorisation). */
  exact_memorization: number;
  /** Mean of 1 − k/L, k the shortest answer prefix after which every prediction is the argmax. */
  extraction_strength: number;
}

export function likelihoodMeasures(scores: readonly AnswerScores[]): LikelihoodMeasures {
  return {
    probability: mean(scores.map(normalisedProbability)),
    accuracy: mean(scores.map((s) => (s.hits.every(Boolean) ? 1 : 0))),
    exact_memorization: mean(scores.map((s) => mean(s.hits.map(Number)))),
    extraction_strength: mean(scores.map((s) => 1 - (s.hits.lastIndexOf(false) + 1) / s.hits.length)),
  };
}

/** Answer selectors with a stable identity, so the memo of scoreAnswers recognises them. The k-th
 * perturbed selector repeats an example's last perturbed answer when it has fewer than k + 1. */
const PARAPHRASED = (example: Example) => String(example.paraphrased ?? example.answer);
const MAX_PERTURBED = 16;
const PERTURBED = Array.from({ length: MAX_PERTURBED }, (_, k) => (example: Example) => {
  const perturbed = example.perturbed as string[];
  return perturbed[Math.min(k, perturbed.length - 1)];
});

/** Per example, TR = P̄(perturbed)/P̄(paraphrased), P̄ the per-token-normalised probability, the
 * perturbed one the geometric mean over the example's perturbed answers (as open-unlearning). */
export function truthRatios(
  value: unknown,
  port: string,
  data: Dataset,
  ctx: Pick<NodeContext, 'memo'> & { fail: Fail<keyof typeof answerScoreMessages | keyof typeof truthRatioMessages> },
): number[] {
  const counts = examplesOf(data, ctx.fail).map((example) => Math.min(perturbedCount(example), MAX_PERTURBED));
  if (counts.some((count) => count === 0)) ctx.fail('noPerturbed', { dataset: data.name });
  const paraphrased = scoreAnswers(value, port, data, ctx, PARAPHRASED).map((s) => mean(s.logProbs));
  const perturbed = PERTURBED.slice(0, maxOf(counts)).map((answer) =>
    scoreAnswers(value, port, data, ctx, answer).map((s) => mean(s.logProbs)),
  );
  return paraphrased.map((correct, i) =>
    Math.exp(mean(perturbed.slice(0, counts[i]).map((wrong) => wrong[i])) - correct),
  );
}

function perturbedCount(example: Example): number {
  const perturbed = example.perturbed;
  return Array.isArray(perturbed) && perturbed.every((answer) => typeof answer === 'string') ? perturbed.length : 0;
}

/** What truthRatios can fail with beyond scoring. */
export const truthRatioMessages = {
  noPerturbed: {
    message: 'the dataset "{{dataset}}" has an example without a non-empty list of perturbed answers',
    hint: 'Pass a split of unlearning.facts, whose examples carry `perturbed` wrong answers.',
  },
} as const;

/** TOFU's aggregations of truth ratios: on forget data "closer to 1 is better", mean min(TR, 1/TR);
 * elsewhere "true is better", mean max(0, 1 − TR). */
export const closerToOne = (ratios: readonly number[]): number => mean(ratios.map((r) => Math.min(r, 1 / r)));
export const trueBetter = (ratios: readonly number[]): number => mean(ratios.map((r) => Math.max(0, 1 - r)));

/** The membership-inference attacks: each scores an example, higher meaning "more likely a member". */
export const ATTACKS = ['loss', 'zlib', 'min_k', 'min_k_plus_plus', 'reference'] as const;
export type Attack = (typeof ATTACKS)[number];

export interface AttackInputs {
  scores: readonly AnswerScores[];
  examples: readonly Example[];
  /** The reference model's scores of the same examples (the reference attack only). */
  referenceScores?: readonly AnswerScores[];
  /** Share k of the lowest token scores Min-K% and Min-K%++ average. */
  k: number;
}

export function attackScores(attack: Attack, { scores, examples, referenceScores, k }: AttackInputs): number[] {
  const loss = (s: AnswerScores) => -mean(s.logProbs);
  switch (attack) {
    case 'loss':
      return scores.map((s) => -loss(s));
    case 'zlib':
      // Carlini et al.: the loss over the zlib-compressed length of the text, in bytes.
      return scores.map((s, i) => -loss(s) / zlibLength(examples[i].prompt + examples[i].answer));
    case 'min_k':
      return scores.map((s) => lowestMean(s.logProbs, k));
    case 'min_k_plus_plus':
      return scores.map((s) => lowestMean(s.standardised, k));
    case 'reference':
      return scores.map((s, i) => loss(referenceScores![i]) - loss(s));
  }
}

/** Mean of the max(1, floor(k·n)) smallest values. */
function lowestMean(values: readonly number[], k: number): number {
  const sorted = Float64Array.from(values).sort();
  return mean(Array.from(sorted.subarray(0, Math.max(1, Math.floor(k * sorted.length)))));
}

function zlibLength(text: string): number {
  return deflateSync(Buffer.from(text, 'utf8')).length;
}
