// unlearning.provenance_query: is this model derived from the one trained in this data order?
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { PALIMPSESTIC_PROVENANCE } from '@sous/core/references';
import { exampleLogLikelihoods, scoreMessages } from '../provenance/score-sequences.js';
import { ALTERNATIVES, spearmanTest, EXACT_SPEARMAN_LIMIT } from '../stats/spearman.js';

export const provenance_query = defineNode({
  name: 'provenance_query',
  kind: 'eval',
  doc:
    'The query test of palimpsestic membership inference (Kuditipudi et al. 2025): models remember ' +
    "best what they saw last, so a model derived from Alice's gives her late training examples " +
    "higher likelihood. Scores each example of Alice's data (in her training order: index i seen " +
    'i-th) by its mean token log-likelihood under `model`, minus that under `reference` when given, ' +
    'and tests H0 "the model is independent of Alice\'s random order" by Spearman\'s ρ between score ' +
    'and index, with an exact permutation p-value up to 10 examples and the Edgeworth series of ' +
    'Best & Roberts (1975) beyond. Reports rho, p_value, log10_p_value (floored at the smallest ' +
    'double) and examples.',
  references: [PALIMPSESTIC_PROVENANCE],
  params: z.object({
    examples: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Examples scored, evenly spaced over the order (first and last included); 0 scores all.'),
    alternative: z
      .enum(ALTERNATIVES)
      .default('greater')
      .describe('"greater": later examples more likely (a derivative); "less" or "two-sided" for other questions.'),
  }),
  inputs: {
    model: { type: 'Model', doc: "The suspect model (Bob's), queried for likelihoods only." },
    data: {
      type: 'Dataset',
      doc: "Alice's training examples in the order she trained on them; it must carry its tokenizer.",
    },
    reference: {
      type: 'Model',
      optional: true,
      doc: 'A model unrelated to Alice whose likelihoods are subtracted, to remove how easy each example is.',
    },
  },
  output: 'Metrics',
  messages: {
    ...scoreMessages,
    noTokenizer: {
      message: 'the dataset "{{dataset}}" carries no tokenizer',
      hint: 'Pass a task split such as corpus.train.',
    },
    constantScores: {
      message: 'all {{count}} examples score the same, so their ranks carry no order',
      hint: 'Is the reference the model itself? Pass an unrelated reference model, or none.',
    },
    tooFew: {
      message: 'the test needs at least 3 examples, but {{count}} are scored',
      hint: 'Give a dataset of 3 or more examples and examples: 0 or at least 3.',
    },
  },
  run({ model, data, reference }, { examples, alternative }, ctx): Metrics {
    const vocab = data.vocab ?? ctx.fail('noTokenizer', { dataset: data.name });
    const count = examples === 0 ? data.size : Math.min(examples, data.size);
    if (count < 3) ctx.fail('tooFew', { count });
    const order = Array.from({ length: count }, (_, k) => Math.round((k * (data.size - 1)) / (count - 1)));
    const chosen = order.map((index) => data.get(index));
    const scores = exampleLogLikelihoods(model, 'model', chosen, vocab, ctx.fail);
    if (reference !== undefined) {
      const base = exampleLogLikelihoods(reference, 'reference', chosen, vocab, ctx.fail);
      scores.forEach((score, k) => (scores[k] = score - base[k]));
    }
    if (scores.every((score) => score === scores[0])) ctx.fail('constantScores', { count });
    const { rho, pValue } = spearmanTest(Array.from(scores), order, alternative);
    return {
      rho,
      p_value: pValue,
      log10_p_value: Math.log10(Math.max(pValue, Number.MIN_VALUE)),
      examples: count,
      exact: count <= EXACT_SPEARMAN_LIMIT ? 1 : 0,
    };
  },
});
