// What every benchmark metric reads: per example, the model's view of each answer token (eos
// included) under teacher forcing — its log-probability, whether it is the most likely token, and
// its Min-K%++ standardisation against the model's next-token distribution. One forward pass per
// chunk of examples; the scores of one model on one dataset are memoised for the step, so the
// metric nodes of an eval block share them.
import {
  encodeBatch,
  tf,
  type Dataset,
  type Example,
  type Fail,
  type LanguageModel,
  type NodeContext,
  type Tokenizer,
} from '@sous/core';
import { languageModelMessages, languageModelOf } from '../language-model.js';

export interface AnswerScores {
  /** log p(y_t | x, y_<t) of each answer token and eos. */
  logProbs: number[];
  /** Whether each answer token is the argmax of its next-token distribution. */
  hits: boolean[];
  /** (log p(y_t) − μ_t)/σ_t with μ_t, σ_t² the mean and variance of log p(·) under p(·). */
  standardised: number[];
}

/** What scoring can fail with: spread into the node's messages. */
export const answerScoreMessages = {
  ...languageModelMessages,
  noTokenizer: {
    message: 'the dataset "{{dataset}}" carries no tokenizer and the {{port}} has none',
    hint: 'Pass a split of a task, such as facts.forget of unlearning.facts.',
  },
  scoreContext: {
    message:
      'the dataset "{{dataset}}" has rows of {{rowLength}} tokens, longer than the {{port}}\'s context of {{context}}',
    hint: 'Use a model with a longer context or shorter examples.',
  },
  emptyDataset: {
    message: 'the dataset "{{dataset}}" has no examples to score',
    hint: 'Pass a non-empty split.',
  },
} as const;

export type ScoreFail = Fail<keyof typeof answerScoreMessages>;

const CHUNK = 64;

/** The examples of `data`, all of them. */
export function examplesOf(data: Dataset, fail: ScoreFail): Example[] {
  if (data.size === 0) fail('emptyDataset', { dataset: data.name });
  return Array.from({ length: data.size }, (_, index) => data.get(index));
}

/** Scores of `answer(example)` after each example's prompt under the model on input `port`. */
export function scoreAnswers(
  value: unknown,
  port: string,
  data: Dataset,
  ctx: Pick<NodeContext, 'memo'> & { fail: ScoreFail },
  answer: (example: Example) => string = (example) => example.answer,
): AnswerScores[] {
  const model = languageModelOf(value, port, ctx.fail);
  return ctx.memo([scoreAnswers, model, data, answer], () => {
    const tokenizer = data.vocab ?? model.tokenizer ?? ctx.fail('noTokenizer', { dataset: data.name, port });
    const examples = examplesOf(data, ctx.fail).map((example) => ({ prompt: example.prompt, answer: answer(example) }));
    const scores: AnswerScores[] = [];
    for (let start = 0; start < examples.length; start += CHUNK) {
      const chunk = examples.slice(start, start + CHUNK);
      for (const row of scoreChunk(model, tokenizer, chunk, data.name, port, ctx.fail)) scores.push(row);
    }
    return scores;
  });
}

function scoreChunk(
  model: LanguageModel,
  tokenizer: Tokenizer,
  examples: Example[],
  dataset: string,
  port: string,
  fail: ScoreFail,
): AnswerScores[] {
  const batch = encodeBatch(examples, tokenizer, `the dataset "${dataset}"`);
  const { size, length, tokens, targetMask } = batch;
  if (length - 1 > model.contextLength) {
    fail('scoreContext', { dataset, rowLength: length, port, context: model.contextLength });
  }
  const steps = length - 1;
  const vocab = model.vocabSize;
  const logProbs = tf.tidy(() => {
    const inputs = tf.slice(tf.tensor2d(tokens, [size, length], 'int32'), [0, 0], [size, steps]);
    return tf.logSoftmax(model.logits(inputs as tf.Tensor2D)).dataSync() as Float32Array;
  });
  return examples.map((_, row) => {
    const scores: AnswerScores = { logProbs: [], hits: [], standardised: [] };
    for (let t = 0; t < steps; t++) {
      if (targetMask[row * length + t + 1] === 0) continue;
      const target = tokens[row * length + t + 1];
      const offset = (row * steps + t) * vocab;
      let best = 0;
      let mean = 0;
      let square = 0;
      for (let v = 0; v < vocab; v++) {
        const lp = logProbs[offset + v];
        if (lp > logProbs[offset + best]) best = v;
        const p = Math.exp(lp);
        mean += p * lp;
        square += p * lp * lp;
      }
      const lp = logProbs[offset + target];
      scores.logProbs.push(lp);
      scores.hits.push(best === target);
      scores.standardised.push((lp - mean) / Math.sqrt(Math.max(square - mean * mean, 1e-12)));
    }
    return scores;
  });
}

export const mean = (values: readonly number[]): number => values.reduce((sum, x) => sum + x, 0) / values.length;

/** exp of the mean token log-prob: the per-token-normalised probability of an answer. */
export const normalisedProbability = (scores: AnswerScores): number => Math.exp(mean(scores.logProbs));

/** The metric-name prefix of a dataset: the last dotted part of its name (facts.forget → forget). */
export const splitName = (data: Dataset): string => data.name.split('.').at(-1) ?? data.name;
