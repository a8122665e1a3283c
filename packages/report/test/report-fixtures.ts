// Hand-written run folders for the report tests: a plan shaped like the compiled GRPO example of
// DESIGN.md (an SFT stage, then GRPO with a mask and a KL term), and metrics lines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Edge, Plan, PlanNode, PlanStage, PortType, Value } from '@sous/dsl';

function node(
  id: string,
  op: string,
  kind: string,
  output: PortType,
  inputs: Record<string, string> = {},
  params: Record<string, Value> = {},
): PlanNode {
  const stage = id.includes('.') ? id.split('.')[0] : null;
  const binding = /\$\d+$/.test(id) ? undefined : id.split('.').pop();
  const edges: Record<string, Edge> = {};
  for (const [port, from] of Object.entries(inputs)) {
    const [source, member] = from.split(':');
    edges[port] = { node: source, member, type: 'Any' };
  }
  return {
    id,
    op,
    kind,
    stage,
    binding,
    params,
    inputs: edges,
    output,
    source: { file: 'grpo.recipe', line: 1, col: 1 },
  };
}

function stage(name: string, steps: number, nodes: string[], lr: number, evals: string[] = []): PlanStage {
  return {
    name,
    steps,
    nodes,
    loss: `${name}.loss`,
    settings: {},
    optimizers: [
      {
        name: 'adamw',
        params: { lr, weight_decay: 0.01 },
        loss: null,
        model: null,
        source: { file: 'grpo.recipe', line: 1, col: 1 },
      },
    ],
    schedule: { name: 'constant', params: {} },
    evals: evals.length ? [{ every: 50, nodes: evals }] : [],
  };
}

export function grpoPlan(steps = { sft: 300, grpo: 200 }): Plan {
  const nodes = [
    node('task', 'tasks.arithmetic', 'task', 'Task', {}, { digits: 2, ops: '+-', seed: 7 }),
    node('policy', 'models.gpt', 'model', 'Model', { vocab: 'task:vocab' }, { preset: 'tiny', dropout: 0 }),
    node('ref', 'models.frozen', 'model', 'Model', { model: 'policy' }),
    node('sft.batch', 'samplers.dataset', 'sampler', 'Batch', { data: 'task:train' }, { size: 64 }),
    node('sft.loss', 'objectives.nll', 'loss', 'Loss', { model: 'policy', batch: 'sft.batch' }),
    node('grpo.prompts', 'samplers.prompts', 'sampler', 'Prompts', { data: 'task:train' }, { size: 16 }),
    node(
      'grpo.rollouts',
      'samplers.group',
      'sampler',
      'Rollouts',
      { model: 'policy', prompts: 'grpo.prompts' },
      { group: 8, max_new: 12, temperature: 1 },
    ),
    node('grpo.reward', 'rewards.exact_answer', 'reward', 'Rewards', { rollouts: 'grpo.rollouts', task: 'task' }),
    node('grpo.adv', 'objectives.group_norm', 'advantage', 'Advantages', { rewards: 'grpo.reward' }, { std: true }),
    node('grpo.mask$1', 'objectives.completion_mask', 'mask', 'Mask', { rollouts: 'grpo.rollouts' }),
    node('grpo.mask$2', 'objectives.truncated', 'mask', 'Mask', { rollouts: 'grpo.rollouts' }),
    node('grpo.mask$3', 'core.not', 'mask', 'Mask', { value: 'grpo.mask$2' }),
    node('grpo.mask', 'core.and', 'mask', 'Mask', { left: 'grpo.mask$1', right: 'grpo.mask$3' }),
    node(
      'grpo.loss$1',
      'objectives.clipped_pg',
      'loss',
      'Loss',
      { model: 'policy', rollouts: 'grpo.rollouts', adv: 'grpo.adv', mask: 'grpo.mask' },
      { clip: 0.2 },
    ),
    node(
      'grpo.loss$2',
      'objectives.kl',
      'loss',
      'Loss',
      { model: 'policy', ref: 'ref', rollouts: 'grpo.rollouts', mask: 'grpo.mask' },
      { estimator: 'k3' },
    ),
    node('grpo.loss$3', 'core.scale', 'loss', 'Loss', { value: 'grpo.loss$2' }, { factor: 0.04 }),
    node('grpo.loss', 'core.add', 'loss', 'Loss', { left: 'grpo.loss$1', right: 'grpo.loss$3' }),
    node(
      'grpo.eval$1',
      'objectives.pass_at_k',
      'eval',
      'Metrics',
      { model: 'policy', data: 'task:test' },
      { k: [1, 8] },
    ),
  ];
  const idsOf = (name: string) => nodes.filter((n) => n.stage === name).map((n) => n.id);
  return {
    version: 1,
    recipe: 'grpo-arithmetic',
    file: 'grpo.recipe',
    uses: [],
    settings: { seed: 7 },
    nodes,
    stages: [
      stage('sft', steps.sft, idsOf('sft'), 3e-4),
      stage('grpo', steps.grpo, idsOf('grpo'), 1e-5, ['grpo.eval$1']),
    ],
    hash: '0'.repeat(64),
  };
}

export const GRPO_RECIPE = `recipe "grpo-arithmetic"
use "@sous/tasks"

task   = tasks.arithmetic(digits: 2, ops: "+-", seed: 7)
policy = models.gpt(preset: "tiny", vocab: task.vocab)   # a <b>tiny</b> model
`;

/** Deterministic, smooth-looking metrics lines for a two-stage run; `variant` shifts the curves
 * so runs in a comparison differ. */
export function grpoMetricsLines(sftSteps: number, grpoSteps: number, variant = 0): string[] {
  const v = 1 + variant / 2;
  const lines: string[] = [];
  for (let step = 0; step < sftSteps; step++) {
    lines.push(
      JSON.stringify({
        stage: 'sft',
        step,
        loss: 2.5 * Math.exp(-step / (8 * v)) + 0.3,
        lr: 3e-4 * v,
        grad_norm: 1 / (1 + step / (10 * v)),
      }),
    );
    if (step % 5 === 4 || step === sftSteps - 1)
      lines.push(
        JSON.stringify({ kind: 'eval', stage: 'sft', step, accuracy: 0.1 + 0.5 * (1 - Math.exp(-step / (10 * v))) }),
      );
  }
  for (let step = 0; step < grpoSteps; step++) {
    lines.push(
      JSON.stringify({
        stage: 'grpo',
        step,
        loss: 0.1 * Math.cos(step / (2 * v)),
        lr: 1e-5 * v,
        reward: 0.6 + (0.3 / v) * (1 - Math.exp(-step / 6)),
        kl: step * 0.002 * v,
      }),
    );
    if (step % 5 === 4 || step === grpoSteps - 1)
      lines.push(
        JSON.stringify({
          kind: 'eval',
          stage: 'grpo',
          step,
          accuracy: 0.6 + (0.3 / v) * (1 - Math.exp(-step / 6)),
          'pass@8': 0.9 / v,
        }),
      );
  }
  return lines;
}

/** A temporary run folder holding the given files; returns its path. */
export function makeRunFolder(
  name: string,
  files: Record<string, string>,
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-report-')),
): string {
  const dir = path.join(parent, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A complete two-stage run folder (plan, recipe, metrics, one sample SVG). */
export function makeGrpoRun(
  name: string,
  parent?: string,
  options: { sft?: number; grpo?: number; variant?: number; samples?: boolean } = {},
): string {
  const sft = options.sft ?? 30,
    grpo = options.grpo ?? 20;
  const files: Record<string, string> = {
    'plan.json': JSON.stringify(grpoPlan({ sft: 300, grpo: 200 }), null, 2),
    'recipe.resolved': GRPO_RECIPE,
    'metrics.jsonl': grpoMetricsLines(sft, grpo, options.variant).join('\n') + '\n',
  };
  if (options.samples) {
    files['samples/step-000020.svg'] =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><rect width="120" height="120" fill="#fff"/><circle cx="40" cy="60" r="8" fill="#4e79a7"/><circle cx="80" cy="50" r="8" fill="#4e79a7"/></svg>';
  }
  return makeRunFolder(name, files, parent);
}
