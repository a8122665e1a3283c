// planToDot on a small hand-built plan: the exact DOT text (clusters, labels, member edges,
// operator circles, quoting).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Plan, PlanNode } from '@sous/dsl';
import { planToDot, planToSvg } from '../src/index.js';

const source = { file: 'tiny.recipe', line: 1, col: 1 };
const node = (id: string, op: string, kind: string, stage: string | null, extra: Partial<PlanNode> = {}): PlanNode => ({
  id,
  op,
  kind,
  stage,
  params: {},
  inputs: {},
  output: 'Tensor' as PlanNode['output'],
  source,
  ...extra,
});

const plan: Plan = {
  version: 1,
  recipe: 'tiny',
  file: 'tiny.recipe',
  uses: [],
  settings: {},
  hash: 'h',
  nodes: [
    node('task', 'tasks.arithmetic', 'task', null, { binding: 'task', params: { digits: 2, ops: '+' } }),
    node('sft.batch', 'samplers.dataset', 'sampler', 'sft', {
      binding: 'batch',
      params: { size: 8 },
      inputs: { data: { node: 'task', member: 'train', type: 'Dataset' as PlanNode['output'] } },
    }),
    node('sft.loss$1', 'objectives.nll', 'loss', 'sft', {
      inputs: { batch: { node: 'sft.batch', type: 'Batch' as PlanNode['output'] } },
    }),
    node('sft.loss', 'core.scale', 'op', 'sft', {
      binding: 'loss',
      params: { factor: 0.5 },
      inputs: { x: { node: 'sft.loss$1', type: 'Scalar' as PlanNode['output'] } },
    }),
  ],
  stages: [
    {
      name: 'sft',
      steps: 10,
      schedule: { name: 'constant', params: {} },
      loss: 'sft.loss',
      settings: {},
      evals: [],
      nodes: ['sft.batch', 'sft.loss$1', 'sft.loss'],
      optimizers: [{ name: 'adamw', params: { lr: 3e-4 }, loss: null, model: null, source }],
    },
  ],
};

test('planToDot: top-level nodes outside, one cluster per stage, member edges labelled, operators as circles', () => {
  assert.is(
    planToDot(plan),
    [
      'digraph "tiny" {',
      '  rankdir=LR;',
      '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];',
      '  edge [fontname="Helvetica", fontsize=9];',
      '  "task" [label="task\\ntasks.arithmetic\\ndigits: 2, ops: \\"+\\"", color="#9c755f"];',
      '  subgraph "cluster_sft" {',
      '    label="stage sft · 10 steps · adamw lr 3e-4";',
      '    "sft.batch" [label="batch\\nsamplers.dataset\\nsize: 8", color="#4e79a7"];',
      '    "sft.loss$1" [label="nll\\nobjectives.nll", color="#e15759"];',
      '    "sft.loss" [label="×", shape=circle, width=0.35, fixedsize=true, color="#7f7f7f"];',
      '  }',
      '  "task" -> "sft.batch" [label=".train"];',
      '  "sft.batch" -> "sft.loss$1";',
      '  "sft.loss$1" -> "sft.loss";',
      '}',
      '',
    ].join('\n'),
  );
});

test('planToDot: a backslash or quote in a recipe name stays inside the DOT string', () => {
  assert.ok(planToDot({ ...plan, recipe: 'a"b\\c' }).startsWith('digraph "a\\"b\\\\c" {\n'));
});

test('planToSvg: one standalone svg with a caption per diagram', () => {
  const svg = planToSvg(plan);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.match(svg, '<text class="caption" x="8" y="17">top level</text>');
  assert.match(svg, 'stage sft · 10 steps · adamw lr 3e-4</text>');
  assert.is(svg.match(/class="plan-graph"/g)?.length, 2);
});

test.run();
