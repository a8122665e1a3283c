// unlearning.provenance_text: is this text written by a model derived from Alice's training run?
import { z } from 'zod';
import { defineNode, generate, type Batch, type Metrics } from '@sous/core';
import { PALIMPSESTIC_PROVENANCE } from '@sous/core/references';
import { retrainingPValue } from '../provenance/retraining-p-value.js';
import { meanTargetLogLikelihoods } from '../provenance/sequence-log-likelihood.js';
import { scoreMessages, scoringModel } from '../provenance/score-sequences.js';
import { asLanguageModel } from '@sous/objectives';

export const provenance_text = defineNode({
  name: 'provenance_text',
  kind: 'eval',
  doc:
    'The retraining test of palimpsestic membership inference (Kuditipudi et al. 2025), in the ' +
    "observational setting: only Bob's text is seen. Samples `sequences` texts from `writer` (each " +
    "from bos until eos or max_new tokens), scores them by mean token log-likelihood under Alice's " +
    'model (S_0) and under each replica (S_k), copies of Alice whose last phase of training was ' +
    'repeated on freshly shuffled orders, and reports p_value = (1 + #{k : S_k ≥ S_0}) / (K + 1): ' +
    'text from a derivative of Alice fits her own order best. Also reports tokens, alice_score and ' +
    "the replicas' mean score.",
  references: [PALIMPSESTIC_PROVENANCE],
  params: z.object({
    sequences: z.number().int().min(1).max(4096).default(16).describe("Texts sampled from the writer (Bob's text)."),
    max_new: z.number().int().min(1).max(4096).default(32).describe('Most tokens per text.'),
    temperature: z.number().min(0).default(1).describe("Sampling temperature of the writer's text."),
  }),
  inputs: {
    writer: { type: 'Model', doc: "The model whose text is tested (Bob's); only the text it samples is used." },
    alice: { type: 'Model', doc: "Alice's model, as her training run ended." },
    replicas: {
      type: 'Model',
      variadic: true,
      doc: "Alice's model with the last phase of training redone on reshuffled orders (one or more).",
    },
  },
  output: 'Metrics',
  messages: {
    ...scoreMessages,
    noTokenizer: {
      message: 'the writer carries no tokenizer with bos and eos tokens, so its texts cannot be started or ended',
      hint: 'Pass a model made by models.gpt with a task vocabulary.',
    },
    noReplicas: {
      message: 'no replica models were given',
      hint: 'Pass one or more copies of Alice retrained on reshuffled orders after alice.',
    },
  },
  async run({ writer, alice, replicas }, { sequences, max_new, temperature }, ctx): Promise<Metrics> {
    if (replicas.length === 0) ctx.fail('noReplicas');
    const writerModel = asLanguageModel(writer, 'writer', ctx.fail);
    if (1 + max_new > writerModel.contextLength) {
      ctx.fail('tooLong', {
        rowLength: 1 + max_new,
        needed: 1 + max_new,
        port: 'writer',
        context: writerModel.contextLength,
      });
    }
    const { bos, eos, pad } = writerModel.tokenizer ?? {};
    if (bos === undefined || eos === undefined) return ctx.fail('noTokenizer');
    const requests = Array.from({ length: sequences }, () => ({ prompt: [bos] }));
    const text = await generate(writerModel, requests, {
      temperature,
      topK: 0,
      topP: 1,
      maxNew: max_new,
      stop: [[eos]],
      pad: pad ?? eos,
      rng: ctx.rng,
    });
    const targetMask = new Float32Array(text.size * text.length);
    text.completions.forEach((completion, row) =>
      targetMask.fill(1, row * text.length + 1, row * text.length + 1 + completion.length),
    );
    const batch: Batch = {
      kind: 'batch',
      size: text.size,
      length: text.length,
      tokens: text.tokens,
      targetMask,
      examples: [],
    };
    const lengths = text.completions.map((completion) => completion.length);
    const tokens = lengths.reduce((sum, length) => sum + length, 0);
    // Per-token log-likelihood of the whole text: the rows' means weighted by their lengths.
    const score = (model: unknown, port: string) =>
      meanTargetLogLikelihoods(scoringModel(model, port, batch, ctx.fail), batch).reduce(
        (sum, mean, row) => sum + mean * lengths[row],
        0,
      ) / tokens;
    const aliceScore = score(alice, 'alice');
    const replicaScores = replicas.map((replica, k) => score(replica, `replica ${k + 1}`));
    return {
      p_value: retrainingPValue(aliceScore, replicaScores),
      tokens,
      alice_score: aliceScore,
      replica_score: replicaScores.reduce((sum, s) => sum + s, 0) / replicaScores.length,
    };
  },
});
