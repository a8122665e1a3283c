// @sous/core/testing: the context collects what a node reports, draws what the executor would draw,
// and runNode fills parameter defaults through the node's schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { defineNode } from '../src/plugin.js';
import { Rng } from '../src/rng.js';
import { tf } from '../src/tf.js';
import { NodeTester, runNode, sousErrorOf, testContext, untestedNodes } from '../src/testing.js';
import { SousError } from '../src/errors.js';

const chatty = defineNode({
  name: 'chatty',
  kind: 'metric',
  doc: 'Reports through every channel; returns its parsed params and a draw.',
  output: 'Any',
  inputs: { values: 'Rewards' },
  params: z.object({ scale: z.number().default(2), label: z.string().default('x') }),
  run({ values }, params, ctx) {
    ctx.logger.info(`${params.label} started`);
    ctx.logger.warn('first warning');
    ctx.logger.warn('second warning');
    ctx.metric('sum', params.scale * values.reduce((a, b) => a + b, 0));
    ctx.metric('sum', -1); // a later report of the same name wins
    ctx.metric('count', values.length);
    return { params, draw: ctx.rng.uniform(), step: ctx.step };
  },
});

test('defaults: top-level node "node" at step 0 of seed 0, cpu backend, no run folder', () => {
  const ctx = testContext();
  assert.is(ctx.tf, tf);
  assert.is(ctx.backend, 'cpu');
  assert.is(tf.getBackend(), 'cpu');
  assert.is(ctx.seed, 0);
  assert.is(ctx.nodeId, 'node');
  assert.is(ctx.stage, null);
  assert.is(ctx.step, 0);
  assert.is(ctx.runDir, null);
  assert.is(ctx.recipeDir, process.cwd());
  assert.equal(ctx.state, {});
  assert.equal([ctx.warnings, ctx.infos, ctx.metrics], [[], [], {}]);
});

test('warnings, infos and metrics are collected; each context has its own', () => {
  const ctx = testContext();
  runNode(chatty, { values: [1, 2, 3] }, {}, ctx);
  assert.equal(ctx.infos, ['x started']);
  assert.equal(ctx.warnings, ['first warning', 'second warning']);
  assert.equal(ctx.metrics, { sum: -1, count: 3 });
  assert.equal(testContext().warnings, []);
});

test('runNode parses params through the schema: defaults fill in, given values stay, bad values throw', () => {
  type Out = { params: { scale: number; label: string } };
  assert.equal(runNode<Out>(chatty, { values: [] }).params, { scale: 2, label: 'x' });
  assert.equal(runNode<Out>(chatty, { values: [] }, { label: 'y' }).params, { scale: 2, label: 'y' });
  assert.throws(
    () => runNode(chatty, { values: [] }, { scale: 'big' }),
    (error: unknown) => error instanceof SousError && /^parameter scale: /.test(error.message),
  );
});

test('the rng follows seed, node id and step as the executor seeds them, unless one is given', () => {
  const draw = (overrides = {}) => runNode<{ draw: number }>(chatty, { values: [] }, {}, testContext(overrides)).draw;
  assert.is(draw(), draw());
  assert.is.not(draw({ step: 1 }), draw());
  assert.is.not(draw({ seed: 1 }), draw());
  assert.is.not(draw({ nodeId: 'other' }), draw());
  assert.is(draw({ rng: new Rng('mine') }), new Rng('mine').uniform());
});

test('overrides replace the defaults; an overridden metric or logger replaces the collecting one', () => {
  const seen: string[] = [];
  const ctx = testContext({
    stage: 'grpo',
    recipeDir: '/recipes',
    metric: (name) => seen.push(name),
    logger: { info: () => {}, warn: (m) => seen.push(m) },
  });
  runNode(chatty, { values: [1] }, {}, ctx);
  assert.is(ctx.stage, 'grpo');
  assert.is(ctx.recipeDir, '/recipes');
  assert.equal(seen, ['first warning', 'second warning', 'sum', 'sum', 'count']);
  assert.equal([ctx.warnings, ctx.metrics], [[], {}]);
});

test('testContext switches TensorFlow.js back to the cpu backend', async () => {
  // A backend with no kernels is enough to leave cpu.
  tf.registerBackend('sous-testing-other', () => ({ dispose: () => {} }) as never);
  await tf.setBackend('sous-testing-other');
  assert.is(tf.getBackend(), 'sous-testing-other');
  testContext();
  assert.is(tf.getBackend(), 'cpu');
  tf.removeBackend('sous-testing-other');
});

test('sousErrorOf returns the SousError and fails on anything else', () => {
  assert.is(
    sousErrorOf(() => {
      throw new SousError('bad input', { file: 'x.recipe' });
    }).file,
    'x.recipe',
  );
  assert.throws(() => sousErrorOf(() => 1), /nothing was thrown/);
  assert.throws(
    () =>
      sousErrorOf(() => {
        throw new RangeError('oops');
      }),
    /got RangeError: oops/,
  );
});

test('untestedNodes names each node outside src/nodes/<name>.ts or imported by no test', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-untested-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const node = (name: string) =>
    defineNode({ name, kind: 'metric', doc: '', params: z.object({}), inputs: {}, output: 'Any', run: () => 0 });
  write('src/nodes/tested.ts', "export const tested = defineNode({ name: 'tested' });");
  write('src/nodes/untested.ts', "export const untested = defineNode({ name: 'untested' });");
  write('src/nodes/misnamed.ts', "export const misnamed = defineNode({ name: 'other' });");
  write('test/deep/tested.test.ts', "import { tested } from '../../src/nodes/tested.js';");
  write('test/untested.test.ts', '// untested.js is not imported: naming it in a comment does not count');
  write('test/misnamed.test.ts', "import { misnamed } from '../src/nodes/misnamed.js';");
  const plugin = { namespace: 'demo', nodes: ['tested', 'untested', 'misnamed', 'elsewhere'].map(node) };
  try {
    assert.equal(untestedNodes(plugin, dir), [
      'demo.untested: no file under test/ imports src/nodes/untested.js',
      'demo.misnamed: not defined in src/nodes/misnamed.ts',
      'demo.elsewhere: not defined in src/nodes/elsewhere.ts',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const mean = defineNode({
  name: 'mean',
  kind: 'metric',
  doc: 'The mean of some rewards, at least `min` of them.',
  output: 'Metrics',
  inputs: { values: 'Rewards' },
  params: z.object({ min: z.number().int().min(1).default(1) }),
  messages: { tooFew: '{{got}} values, fewer than the {{want}} required', empty: 'no values' },
  run({ values }, { min }, ctx) {
    if (values.length === 0) ctx.fail('empty');
    if (values.length < min) ctx.fail('tooFew', { got: values.length, want: min });
    return { mean: values.reduce((a, b) => a + b, 0) / values.length };
  },
});

test('NodeTester: valid cases compare outputs, invalid ones message ids, data and schema errors', async () => {
  const results = await new NodeTester(mean).results({
    valid: [
      { name: 'two values', inputs: { values: new Float32Array([1, 3]) }, expect: { mean: 2 } },
      { inputs: { values: new Float32Array([4]) }, check: (output) => assert.equal(output, { mean: 4 }) },
    ],
    invalid: [
      { inputs: { values: new Float32Array([]) }, messageId: 'empty' },
      { inputs: { values: new Float32Array([1]) }, params: { min: 2 }, messageId: 'tooFew', data: { got: 1, want: 2 } },
      { inputs: { values: new Float32Array([1]) }, params: { min: 0 }, error: /^parameter min: / },
    ],
  });
  assert.equal(results, [
    { name: 'two values', failure: undefined },
    { name: 'valid #2', failure: undefined },
    { name: 'invalid #1', failure: undefined },
    { name: 'invalid #2', failure: undefined },
    { name: 'invalid #3', failure: undefined },
  ]);
});

test('NodeTester: a wrong expectation fails its case, and run() throws listing every failure', async () => {
  const tester = new NodeTester(mean, { namespace: 'stats', nodes: [mean] });
  const cases = {
    valid: [{ inputs: { values: new Float32Array([1, 3]) }, expect: { mean: 3 } }],
    invalid: [
      { inputs: { values: new Float32Array([1]) }, params: { min: 2 }, messageId: 'empty' },
      { inputs: { values: new Float32Array([1, 2]) }, params: { min: 2 }, messageId: 'tooFew' },
      { inputs: { values: new Float32Array([1]) }, params: { min: 2 }, messageId: 'tooFew', data: { got: 1, want: 3 } },
      { inputs: {}, messageId: 'noSuchMessage' },
    ],
  };
  const failures = (await tester.results(cases)).map((result) => result.failure);
  assert.equal(failures, [
    'returned { mean: 2 }, expected { mean: 3 }',
    'failed with message "tooFew" (1 values, fewer than the 2 required), expected "empty"',
    'ran without an error',
    'message data { got: 1, want: 2 }, expected { got: 1, want: 3 }',
    'the node declares no message "noSuchMessage"',
  ]);
  try {
    await tester.run(cases);
    assert.unreachable('run() should throw');
  } catch (error) {
    assert.match((error as Error).message, /^stats\.mean: 5 case\(s\) failed:\n- valid #1: returned/);
  }
});

test('ctx.fail fills the message template and marks the error with its id and data', () => {
  const error = sousErrorOf(() => runNode(mean, { values: new Float32Array([1]) }, { min: 3 }));
  assert.is(error.message, '1 values, fewer than the 3 required');
  assert.is(error.messageId, 'tooFew');
  assert.equal(error.data, { got: 1, want: 3 });
});

test.run();
