// The `bench` plugin: the parts of the grpo-tiny recipe that are the workload's own data (the
// hash-seeded policy, the 16 prompts, the fixed rewards, the check batch). Everything else in the
// recipes is the nodes users get (samplers.group, objectives.*, models.frozen, adamw).
import { z } from 'zod';
import { defineNode, definePlugin, tf, type Prompts, type Rollouts } from '@sous/core';
import { GptModel, gptConfig, gptWeightSpecs } from '@sous/models';
import { klEstimate, rolloutLogProbs } from '@sous/objectives';
import { benchVocab } from './vocab.js';
import {
  CHECK_STEPS,
  GROUP,
  LAYERS,
  LENGTH,
  NEW_TOKENS,
  PROMPT_LENGTH,
  SEQUENCES,
  checkBatch,
  prompts,
  randomWeights,
  rewards,
} from './workload.js';

/** GPT-2 (Hugging Face) names of the workload's random matrices; `Whead` [d, vocab] is stored
 * transposed, as `lm_head.weight` [vocab, d]. Biases stay 0 and LayerNorm weights 1. */
function hfNames(): Map<string, { name: string; transpose: boolean }> {
  const names = new Map(
    [
      ['wte', 'wte.weight'],
      ['wpe', 'wpe.weight'],
    ].map(([from, to]) => [from, { name: to, transpose: false }]),
  );
  for (let l = 0; l < LAYERS; l++) {
    names.set(`l${l}.Wqkv`, { name: `h.${l}.attn.c_attn.weight`, transpose: false });
    names.set(`l${l}.Wproj`, { name: `h.${l}.attn.c_proj.weight`, transpose: false });
    names.set(`l${l}.Wfc`, { name: `h.${l}.mlp.c_fc.weight`, transpose: false });
    names.set(`l${l}.Wfc2`, { name: `h.${l}.mlp.c_proj.weight`, transpose: false });
  }
  names.set('Whead', { name: 'lm_head.weight', transpose: true });
  return names;
}

/** The grpo-tiny GPT with the workload's deterministic initial weights. */
export function benchPolicy(): GptModel {
  const config = gptConfig('grpo-tiny');
  const random = randomWeights();
  const fromWorkload = new Map(
    [...hfNames()].map(([workloadName, target]) => [target.name, { ...target, ...random.get(workloadName)! }]),
  );
  const weights = new Map<string, tf.Tensor>();
  for (const [name, spec] of gptWeightSpecs(config)) {
    const source = fromWorkload.get(name);
    if (!source) weights.set(name, spec.role === 'ln-weight' ? tf.ones(spec.shape) : tf.zeros(spec.shape));
    else if (!source.transpose) weights.set(name, tf.tensor2d(source.values, source.shape as [number, number]));
    else
      weights.set(
        name,
        tf.tidy(() => tf.transpose(tf.tensor2d(source.values, source.shape as [number, number]))),
      );
  }
  try {
    return GptModel.fromWeights(config, weights, { tokenizer: benchVocab });
  } finally {
    tf.dispose([...weights.values()]);
  }
}

export const policy = defineNode({
  name: 'policy',
  kind: 'model',
  doc: 'The grpo-tiny GPT (models.gpt preset "grpo-tiny") with the workload\'s hash-seeded weights.',
  params: z.object({}),
  inputs: {},
  output: 'Model',
  run: () => benchPolicy(),
});

export const benchPrompts = defineNode({
  name: 'prompts',
  kind: 'sampler',
  doc: "The workload's 16 prompts of 16 tokens (stream 100), in order, every step.",
  params: z.object({}),
  inputs: {},
  output: 'Prompts',
  run: (): Prompts => ({
    kind: 'prompts',
    examples: prompts().map((ids) => ({ prompt: benchVocab.decode(ids), answer: '' })),
    vocab: benchVocab,
  }),
});

export const benchRewards = defineNode({
  name: 'rewards',
  kind: 'reward',
  doc: "The workload's fixed reward of each sequence (stream 101), whatever was sampled.",
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Rewards',
  run: (): Float32Array => rewards(),
});

/** The check batch as rollouts: prompts then fixed completions, all tokens counted. */
function checkRollouts(sampleLogProbs: Float32Array): Rollouts {
  const tokens = checkBatch();
  const examples = prompts().map((ids) => ({ prompt: benchVocab.decode(ids), answer: '' }));
  const completionMask = new Float32Array(SEQUENCES * LENGTH);
  for (let b = 0; b < SEQUENCES; b++) completionMask.fill(1, b * LENGTH + PROMPT_LENGTH, (b + 1) * LENGTH);
  return {
    kind: 'rollouts',
    size: SEQUENCES,
    length: LENGTH,
    groupSize: GROUP,
    examples: Array.from({ length: SEQUENCES }, (_, b) => examples[Math.floor(b / GROUP)]),
    group: Int32Array.from({ length: SEQUENCES }, (_, b) => Math.floor(b / GROUP)),
    tokens,
    promptLength: new Int32Array(SEQUENCES).fill(PROMPT_LENGTH),
    completionLength: new Int32Array(SEQUENCES).fill(NEW_TOKENS),
    completionMask,
    truncated: new Uint8Array(SEQUENCES).fill(1),
    sampleLogProbs,
    demonstrated: new Float32Array(SEQUENCES * LENGTH),
    texts: Array.from({ length: SEQUENCES }, (_, b) =>
      benchVocab.decode([...tokens.subarray(b * LENGTH + PROMPT_LENGTH, (b + 1) * LENGTH)]),
    ),
    temperature: 1,
    maxNew: NEW_TOKENS,
    vocab: benchVocab,
  };
}

/** Mean over the completion tokens of an [N, L] tensor. */
function completionMean(values: tf.Tensor, mask: Float32Array): number {
  return tf.tidy(
    () => tf.div(tf.sum(tf.mul(values, tf.tensor2d(mask, [SEQUENCES, LENGTH]))), SEQUENCES * NEW_TOKENS).dataSync()[0],
  );
}

export const checkBatchNode = defineNode({
  name: 'check_batch',
  kind: 'sampler',
  doc:
    "The workload's check batch (prompts of stream 100, completions of stream 102) as rollouts whose " +
    "sampleLogProbs are the policy's log-probs at its first step (PPO-style inner iterations with " +
    'clipped_pg(old: "sampler")). Metrics mean_logp and mean_kl (k3 to ref) of the step\'s policy.',
  params: z.object({}),
  inputs: { policy: { type: 'Model' }, ref: { type: 'Model' } },
  output: 'Rollouts',
  run({ policy: model, ref }: { policy: GptModel; ref: GptModel }, _params, ctx): Rollouts {
    const probe = checkRollouts(new Float32Array(SEQUENCES * LENGTH));
    const logProbs = tf.tidy(() => rolloutLogProbs(model, probe));
    try {
      ctx.state.old ??= logProbs.dataSync().slice();
      ctx.metric('mean_logp', completionMean(logProbs, probe.completionMask));
      const kl = tf.tidy(() => klEstimate('k3', logProbs, rolloutLogProbs(ref, probe)));
      ctx.metric('mean_kl', completionMean(kl, probe.completionMask));
      kl.dispose();
    } finally {
      logProbs.dispose();
    }
    if (ctx.step >= CHECK_STEPS) ctx.logger.warn(`the check batch is defined for ${CHECK_STEPS} steps`);
    return checkRollouts(ctx.state.old as Float32Array);
  },
});

export default definePlugin({ namespace: 'bench', nodes: [policy, benchPrompts, benchRewards, checkBatchNode] });
