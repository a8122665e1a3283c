// The services the executor gives a node's run: ctx.memo (one value per key within a step, shared
// by the step's nodes, fresh the next step, a separate store inside the gradient computation) and
// ctx.fail (the node's message, prefixed with the node and its recipe position).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { KeyedMemo, SousError, defineNode, definePlugin, tf } from '@sous/core';
import { Executor } from '../src/exec/executor.js';
import { StageRunner } from '../src/train/stage-runner.js';
import { fixturePlugin, node, plan, stage } from './exec-fixtures.js';

await tf.setBackend('cpu');

const SHARED = {};
let computed = 0;
const next = () => ++computed;

const memoPlugin = definePlugin({
  namespace: 'memo',
  package: '@sous/memo-fixture',
  nodes: [
    defineNode({
      name: 'seen',
      kind: 'metric',
      doc: 'Reports the memoised counter.',
      output: 'Rewards',
      inputs: {},
      params: z.object({}),
      run(_inputs, _params, ctx) {
        ctx.metric('value', ctx.memo([SHARED], next));
        return new Float32Array([0]);
      },
    }),
    defineNode({
      name: 'seen_loss',
      kind: 'loss',
      doc: 'A zero loss that reports the memoised counter from inside the gradient.',
      output: 'Loss',
      inputs: { model: 'Model' },
      params: z.object({}),
      run({ model }, _params, ctx) {
        ctx.metric('value', ctx.memo([SHARED], next));
        return tf.mul(tf.sum(model.namedVariables().get('weight')!), 0) as tf.Scalar;
      },
    }),
    defineNode({
      name: 'picky',
      kind: 'sampler',
      doc: 'Fails with a message at step 1.',
      output: 'Rewards',
      inputs: {},
      params: z.object({}),
      messages: { tooLate: { message: 'step {{step}} is too late', hint: 'Stop at step {{last}}.' } },
      run(_inputs, _params, ctx) {
        if (ctx.step === 1) ctx.fail('tooLate', { step: ctx.step, last: 0 });
        return new Float32Array([0]);
      },
    }),
  ],
});

test('KeyedMemo compares key tuples by identity and order', () => {
  const memo = new KeyedMemo();
  const [a, b] = [{}, {}];
  let calls = 0;
  const compute = () => ++calls;
  assert.is(memo.get([a, b], compute), 1);
  assert.is(memo.get([a, b], compute), 1);
  assert.is(memo.get([b, a], compute), 2);
  assert.is(memo.get([{}, b], compute), 3);
  assert.is(memo.get([a], compute), 4, 'a prefix is a key of its own');
  memo.clear();
  assert.is(memo.get([a, b], compute), 5);
  assert.throws(() => memo.get([], compute), /at least one key/);
});

test('nodes of one step share a memoised value; the next step computes afresh; the gradient has its own', async () => {
  computed = 0;
  const top = [node('model', 'fixture.linear')];
  const nodes = [
    node('fit.a', 'memo.seen', { kind: 'metric', output: 'Rewards' }),
    node('fit.b', 'memo.seen', { kind: 'metric', output: 'Rewards' }),
    node('fit.loss', 'memo.seen_loss', { kind: 'loss', output: 'Loss', inputs: { model: 'model' } }),
  ];
  const executor = await Executor.start({
    plan: plan([...top, ...nodes], [stage('fit', nodes)]),
    plugins: [fixturePlugin, memoPlugin],
    tf,
    backend: 'cpu',
    seed: 1,
    recipeDir: '.',
  });
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const first = (await runner.step(0)).train;
  const second = (await runner.step(1)).train;
  assert.equal([first['a.value'], first['b.value'], first['loss.value']], [1, 1, 2]);
  assert.equal([second['a.value'], second['b.value'], second['loss.value']], [3, 3, 4]);
  runner.dispose();
});

test('ctx.fail: the message with its data, prefixed by the node and its place; id and data kept for tests', async () => {
  const top = [node('model', 'fixture.linear')];
  const nodes = [
    node('fit.x', 'memo.picky', { kind: 'sampler', output: 'Rewards' }),
    node('fit.loss', 'memo.seen_loss', { kind: 'loss', output: 'Loss', inputs: { model: 'model' } }),
  ];
  const executor = await Executor.start({
    plan: plan([...top, ...nodes], [stage('fit', nodes)]),
    plugins: [fixturePlugin, memoPlugin],
    tf,
    backend: 'cpu',
    seed: 1,
    recipeDir: '.',
  });
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await runner.step(0);
  try {
    await runner.step(1);
    assert.unreachable('step 1 should fail');
  } catch (error) {
    assert.instance(error, SousError);
    const failure = error as SousError;
    assert.is(failure.message, 'node "fit.x" (memo.picky) in stage "fit", step 1: step 1 is too late');
    assert.is(failure.hint, 'Stop at step 0.');
    assert.equal([failure.file, failure.messageId, failure.data], ['fixture.recipe', 'tooLate', { step: 1, last: 0 }]);
  }
  runner.dispose();
});

test.run();
