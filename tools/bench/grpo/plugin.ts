// The `bench` plugin: the parts of the benchmark recipes that are the workload's own data (the
// hash-seeded policy, the prompts, the fixed rewards, the check batch), for each workload of
// workload.ts (`workload: "grpo-small"`; grpo-tiny by default). Everything else in the recipes is
// the nodes users get (samplers.group, objectives.*, models.frozen, adamw).
import { z } from 'zod';
import { defineNode, definePlugin, tf, type Prompts, type Rollouts } from '@sous/core';
import { GptModel, gptConfig, gptWeightSpecs } from '@sous/models';
import { klEstimate, rolloutLogProbs } from '@sous/objectives';
import { benchVocab } from './vocab.js';
import {
  CHECK_STEPS,
  WORKLOAD_NAMES,
  WORKLOADS,
  type Workload,
  checkBatch,
  prompts,
  randomWeights,
  rewards,
} from './workload.js';

/** Every bench node's one parameter: which workload's data it supplies. */
const params = z.object({ workload: z.enum(WORKLOAD_NAMES).default('grpo-tiny') });

/** GPT-2 (Hugging Face) names of the workload's random matrices; `Whead` [d, vocab] is stored
 * transposed, as `lm_head.weight` [vocab, d]. Biases stay 0 and LayerNorm weights 1. */
function hfNames(w: Workload): Map<string, { name: string; transpose: boolean }> {
  const names = new Map(
    [
      ['wte', 'wte.weight'],
      ['wpe', 'wpe.weight'],
    ].map(([from, to]) => [from, { name: to, transpose: false }]),
  );
  for (let l = 0; l < w.layers; l++) {
    names.set(`l${l}.Wqkv`, { name: `h.${l}.attn.c_attn.weight`, transpose: false });
    names.set(`l${l}.Wproj`, { name: `h.${l}.attn.c_proj.weight`, transpose: false });
    names.set(`l${l}.Wfc`, { name: `h.${l}.mlp.c_fc.weight`, transpose: false });
    names.set(`l${l}.Wfc2`, { name: `h.${l}.mlp.c_proj.weight`, transpose: false });
  }
  names.set('Whead', { name: 'lm_head.weight', transpose: true });
  return names;
}

/** The workload's GPT (grpo-tiny's architecture at the workload's sizes) with its deterministic
 * initial weights. */
export function benchPolicy(w: Workload = WORKLOADS['grpo-tiny']): GptModel {
  const config = gptConfig('grpo-tiny', {
    vocabSize: w.vocab,
    contextLength: w.context,
    layers: w.layers,
    heads: w.heads,
    dModel: w.dModel,
    dFF: w.dFF,
  });
  const random = randomWeights(w);
  const fromWorkload = new Map(
    [...hfNames(w)].map(([workloadName, target]) => [target.name, { ...target, ...random.get(workloadName)! }]),
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
    return GptModel.fromWeights(config, weights, { tokenizer: benchVocab(w) });
  } finally {
    tf.dispose([...weights.values()]);
  }
}

export const policy = defineNode({
  name: 'policy',
  kind: 'model',
  doc: "The workload's GPT (the grpo-tiny architecture at the workload's sizes) with its hash-seeded weights.",
  params,
  inputs: {},
  output: 'Model',
  run: (_inputs, { workload }) => benchPolicy(WORKLOADS[workload]),
});

export const benchPrompts = defineNode({
  name: 'prompts',
  kind: 'sampler',
  doc: "The workload's prompts (stream 100), in order, every step.",
  params,
  inputs: {},
  output: 'Prompts',
  run: (_inputs, { workload }): Prompts => {
    const w = WORKLOADS[workload];
    return {
      kind: 'prompts',
      examples: prompts(w).map((ids) => ({ prompt: benchVocab(w).decode(ids), answer: '' })),
      vocab: benchVocab(w),
    };
  },
});

export const benchRewards = defineNode({
  name: 'rewards',
  kind: 'reward',
  doc: "The workload's fixed reward of each sequence (stream 101), whatever was sampled.",
  params,
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Rewards',
  run: (_inputs, { workload }): Float32Array => rewards(WORKLOADS[workload]),
});

/** The check batch as rollouts: prompts then fixed completions, all tokens counted. */
function checkRollouts(w: Workload, sampleLogProbs: Float32Array): Rollouts {
  const { sequences: n, length, group, promptLength, newTokens } = w;
  const vocab = benchVocab(w);
  const tokens = checkBatch(w);
  const examples = prompts(w).map((ids) => ({ prompt: vocab.decode(ids), answer: '' }));
  const completionMask = new Float32Array(n * length);
  for (let b = 0; b < n; b++) completionMask.fill(1, b * length + promptLength, (b + 1) * length);
  return {
    kind: 'rollouts',
    size: n,
    length,
    groupSize: group,
    examples: Array.from({ length: n }, (_, b) => examples[Math.floor(b / group)]),
    group: Int32Array.from({ length: n }, (_, b) => Math.floor(b / group)),
    tokens,
    promptLength: new Int32Array(n).fill(promptLength),
    completionLength: new Int32Array(n).fill(newTokens),
    completionMask,
    truncated: new Uint8Array(n).fill(1),
    sampleLogProbs,
    demonstrated: new Float32Array(n * length),
    texts: Array.from({ length: n }, (_, b) =>
      vocab.decode([...tokens.subarray(b * length + promptLength, (b + 1) * length)]),
    ),
    temperature: 1,
    maxNew: newTokens,
    vocab,
  };
}

/** Mean over the completion tokens of an [N, L] tensor. */
function completionMean(w: Workload, values: tf.Tensor, mask: Float32Array): number {
  return tf.tidy(
    () =>
      tf
        .div(tf.sum(tf.mul(values, tf.tensor2d(mask, [w.sequences, w.length]))), w.sequences * w.newTokens)
        .dataSync()[0],
  );
}

export const checkBatchNode = defineNode({
  name: 'check_batch',
  kind: 'sampler',
  doc:
    "The workload's check batch (prompts of stream 100, completions of stream 102) as rollouts whose " +
    "sampleLogProbs are the policy's log-probs at its first step (PPO-style inner iterations with " +
    'clipped_pg(old: "sampler")). Metrics mean_logp and mean_kl (k3 to ref) of the step\'s policy.',
  params,
  inputs: { policy: { type: 'Model' }, ref: { type: 'Model' } },
  output: 'Rollouts',
  run({ policy: model, ref }: { policy: GptModel; ref: GptModel }, { workload }, ctx): Rollouts {
    const w = WORKLOADS[workload];
    const probe = checkRollouts(w, new Float32Array(w.sequences * w.length));
    const logProbs = tf.tidy(() => rolloutLogProbs(model, probe));
    try {
      ctx.state.old ??= logProbs.dataSync().slice();
      ctx.metric('mean_logp', completionMean(w, logProbs, probe.completionMask));
      const kl = tf.tidy(() => klEstimate('k3', logProbs, rolloutLogProbs(ref, probe)));
      ctx.metric('mean_kl', completionMean(w, kl, probe.completionMask));
      kl.dispose();
    } finally {
      logProbs.dispose();
    }
    if (ctx.step >= CHECK_STEPS) ctx.logger.warn(`the check batch is defined for ${CHECK_STEPS} steps`);
    return checkRollouts(w, ctx.state.old as Float32Array);
  },
});

export default definePlugin({ namespace: 'bench', nodes: [policy, benchPrompts, benchRewards, checkBatchNode] });
