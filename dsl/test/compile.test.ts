// The compiler: ids, operator nodes, resolved parameters, settings, optimizers, evals, order and
// the hash, on the kitchen-sink fixture (every construct) and small recipes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, compile, CompileError } from '../src/compile/index.js';
import { format } from '../src/format.js';
import { planEdges, type Plan, type PlanNode } from '../src/plan.js';
import { parse } from '../src/syntax.js';
import { PRELUDE } from './fixtures/diagnose.js';
import { fixtureRegistry } from './fixtures/registry.js';

const SINK = fs.readFileSync(new URL('./fixtures/kitchen-sink.recipe', import.meta.url), 'utf8');

function plan(source: string, file = 'test.recipe'): Plan {
  const result = checkAndCompile(source, file, fixtureRegistry);
  assert.equal(
    result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return result.plan!;
}
const sink = plan(SINK, 'dsl/test/fixtures/kitchen-sink.recipe');
const node = (p: Plan, id: string): PlanNode => {
  const found = p.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in ${p.nodes.map((n) => n.id).join(', ')}`);
  return found;
};

test('header, name, uses (with aliases and versions) and top-level settings', () => {
  assert.is(sink.version, 1);
  assert.is(sink.recipe, 'kitchen-sink');
  assert.is(sink.file, 'dsl/test/fixtures/kitchen-sink.recipe');
  assert.equal(sink.uses[1], { package: '@sous/models', namespace: 'm', version: '0.1.0' });
  assert.equal(sink.settings, { seed: 3, on_nan: 'skip' });
  assert.is(
    plan(`${PRELUDE}seed 1\n`, 'dir/my-run.recipe').recipe,
    'my-run',
    'the file name when there is no `recipe` line',
  );
  assert.equal(plan(`${PRELUDE}`).settings, { seed: 0, on_nan: 'stop' }, 'defaults');
});

test("a binding's node is named after it; top-level nodes have no stage, stage nodes are qualified", () => {
  const policy = node(sink, 'policy');
  assert.is(policy.op, 'm.gpt', "the op uses the recipe's namespace (the alias)");
  assert.is(policy.kind, 'model');
  assert.is(policy.stage, null);
  assert.is(policy.binding, 'policy');
  assert.is(policy.output, 'Model');
  assert.equal(policy.source, { file: 'dsl/test/fixtures/kitchen-sink.recipe', line: 15, col: 10 });
  assert.is(node(sink, 'grpo.rollouts').stage, 'grpo');
});

test('parameters: given values, defaults filled in, quantities converted, optional ones without default left out', () => {
  assert.equal(node(sink, 'policy').params, { preset: 'tiny', context: 128 });
  assert.equal(node(sink, 'grpo.rollouts').params, {
    group: 4,
    max_new: 12,
    temperature: 1,
    top_k: 0,
    top_p: 1,
    stop: [],
    grammar: true,
  });
  assert.not.ok('clip_high' in node(sink, 'grpo.total$1').params);
  assert.equal(node(sink, 'grpo.eval2.1').params, {
    memory: 2 * 1024 ** 3,
    timeout: 300,
    share: 0.25,
    window: 12,
    sizes: [1],
    label: 'b',
  });
});

test('inputs are typed edges; member access names the member; an alias binding makes no node', () => {
  assert.equal(node(sink, 'grpo.prompts').inputs, { data: { node: 'task', member: 'train', type: 'Dataset' } });
  assert.equal(node(sink, 'policy').inputs, { vocab: { node: 'task', member: 'vocab', type: 'Tokenizer' } });
  assert.not.ok(sink.nodes.some((n) => n.binding === 'data' || (n.binding === 'loss' && n.stage === 'grpo')));
});

test('operators become core ops with sub-expressions numbered in pre-order', () => {
  // total = clipped_pg(...) + 0.04 * kl(...) - weighted(kl(...), 0.5)
  const total = node(sink, 'grpo.total');
  assert.is(total.op, 'core.sub');
  assert.is(total.kind, 'op');
  assert.is(total.output, 'Loss');
  assert.equal(total.inputs, { a: { node: 'grpo.total$1', type: 'Loss' }, b: { node: 'grpo.total$5', type: 'Loss' } });
  assert.is(node(sink, 'grpo.total$1').op, 'core.add');
  assert.is(node(sink, 'grpo.total$2').op, 'objectives.clipped_pg');
  assert.equal(node(sink, 'grpo.total$3').params, { factor: 0.04 });
  assert.equal(node(sink, 'grpo.total$3').inputs, { x: { node: 'grpo.total$4', type: 'Loss' } });
  assert.is(node(sink, 'grpo.total$5').op, 'fixture.weighted');
  assert.equal(node(sink, 'grpo.total$7'), {
    id: 'grpo.total$7',
    stage: 'grpo',
    output: 'Number',
    source: { file: sink.file, line: 30, col: 92 },
    op: 'core.const',
    kind: 'op',
    params: { value: 0.5 },
    inputs: {},
  });
  // side = -pg(...): a scale by -1; reward = ... + 2 * penalty; mask = a & !b | c
  assert.equal(
    { op: node(sink, 'grpo.side').op, params: node(sink, 'grpo.side').params },
    { op: 'core.scale', params: { factor: -1 } },
  );
  assert.equal(node(sink, 'grpo.reward$2').params, { factor: 2 });
  assert.equal(
    ['grpo.mask', 'grpo.mask$1', 'grpo.mask$3'].map((id) => node(sink, id).op),
    ['core.or', 'core.and', 'core.not'],
  );
  assert.equal(node(sink, 'grpo.mask$3').inputs, { x: { node: 'grpo.mask$4', type: 'Mask' } });
});

test('stage: steps, settings resolved with defaults and inheritance, schedule, loss', () => {
  const [grpo, polish] = sink.stages;
  assert.is(grpo.steps, 50);
  assert.equal(grpo.settings, { clip_grad_norm: 1, accumulate: 1, on_nan: 'skip', log_every: 10, checkpoint_every: 0 });
  assert.equal(polish.settings, { accumulate: 1, on_nan: 'stop', log_every: 1, checkpoint_every: 0 });
  assert.equal(grpo.schedule, { name: 'cosine', params: { warmup: 5, min_ratio: 0.1 } });
  assert.equal(polish.schedule, { name: 'constant', params: {} });
  assert.is(grpo.loss, 'grpo.total', '`loss = total` names the node of `total`');
  assert.is(polish.loss, 'polish.loss');
});

test('optimizers: parameters with defaults, `model:` and `loss:` as node ids, the stage loss by default', () => {
  const [adamw, sgd] = sink.stages[0].optimizers;
  assert.equal(adamw, {
    name: 'adamw',
    params: { lr: 1e-5, betas: [0.9, 0.99], eps: 1e-8, weight_decay: 0.01 },
    loss: 'grpo.total',
    model: 'policy',
    source: { file: sink.file, line: 22, col: 13 },
  });
  assert.equal(
    { loss: sgd.loss, model: sgd.model, params: sgd.params },
    { loss: 'grpo.side', model: 'critic', params: { lr: 0.01, momentum: 0.9, nesterov: false, weight_decay: 0 } },
  );
  assert.equal(
    { loss: sink.stages[1].optimizers[0].loss, model: sink.stages[1].optimizers[0].model },
    { loss: 'polish.loss', model: null },
  );
});

test("evals: their nodes are listed per block, not among the stage's per-step nodes", () => {
  const [grpo] = sink.stages;
  assert.equal(
    grpo.evals.map((e) => e.every),
    [25, 10],
  );
  assert.equal(
    new Set(grpo.evals[0].nodes),
    new Set(['grpo.eval1.acc', 'grpo.eval1.1', 'grpo.eval1.1$1', 'grpo.eval1.2']),
  );
  assert.equal(grpo.evals[1].nodes, ['grpo.eval2.1']);
  assert.not.ok(grpo.nodes.some((id) => id.includes('eval')));
  assert.equal(node(sink, 'grpo.eval1.1').inputs.value, { node: 'grpo.eval1.acc', type: 'Metrics' });
});

test('node lists are topological, top level first, and every node is listed once', () => {
  const ids = sink.nodes.map((n) => n.id);
  assert.is(new Set(ids).size, ids.length);
  assert.equal(ids.slice(0, 3).sort(), ['critic', 'policy', 'task']);
  const position = new Map(ids.map((id, i) => [id, i]));
  for (const n of sink.nodes) {
    for (const edge of planEdges(n))
      assert.ok(position.get(edge.node)! < position.get(n.id)!, `${edge.node} before ${n.id}`);
  }
  const stageIds = [...sink.stages[0].nodes, ...sink.stages[0].evals.flatMap((e) => e.nodes)];
  assert.equal(
    ids.filter((id) => id.startsWith('grpo.')),
    stageIds,
  );
});

test('the hash is sha256 of the canonical JSON without file and source positions', () => {
  const { file: _file, hash: _hash, ...rest } = sink;
  const stripped = {
    ...rest,
    nodes: rest.nodes.map(({ source: _s, ...n }) => n),
    stages: rest.stages.map((s) => ({ ...s, optimizers: s.optimizers.map(({ source: _s, ...o }) => o) })),
  };
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  assert.is(
    sink.hash,
    createHash('sha256')
      .update(JSON.stringify(sorted(stripped)))
      .digest('hex'),
  );
});

test('the hash survives reformatting, reordering bindings and moving the file; a changed value changes it', () => {
  assert.is(plan(format(SINK), 'elsewhere/other.recipe').hash, sink.hash);
  const reordered = SINK.replace('policy = m.gpt(vocab: task.vocab, context: 128)\n', '')
    .replace('critic = m.gpt', 'policy = m.gpt(vocab: task.vocab, context: 128)\ncritic = m.gpt')
    .replace('window: 12tokens', 'window: 12');
  assert.is.not(reordered, SINK);
  assert.is(plan(reordered).hash, sink.hash, 'order of bindings and 12tokens == 12');
  assert.is.not(plan(SINK.replace('clip: 0.2', 'clip: 0.3')).hash, sink.hash);
});

test('compile refuses a recipe that does not check', () => {
  const { ast } = parse(`${PRELUDE}task = tasks.nope()\n`, 'bad.recipe');
  assert.throws(
    () => compile(ast, fixtureRegistry),
    (error: unknown) => error instanceof CompileError,
  );
});

test('checkAndCompile: errors give no plan, warnings do not prevent one', () => {
  const errors = checkAndCompile(`${PRELUDE}task = tasks.nope()\n`, 'bad.recipe', fixtureRegistry);
  assert.is(errors.plan, undefined);
  assert.equal(
    errors.diagnostics.map((d) => d.code),
    ['R0202'],
  );
  const warning = checkAndCompile('seed 1\n', 'warn.recipe', fixtureRegistry);
  assert.equal(
    warning.diagnostics.map((d) => d.code),
    ['R0002'],
  );
  assert.ok(warning.plan);
  const syntax = checkAndCompile('sous 1\nstage a {\n', 'syntax.recipe', fixtureRegistry);
  assert.is(syntax.plan, undefined);
  assert.ok(syntax.diagnostics.some((d) => d.code === 'R0100'));
});

test.run();
