// The executor and stage runner on hand-built plans with the fixture plugin: updates checked
// against hand-computed gradients, metric naming, evals, accumulation, two optimizers, the NaN
// guard, flat memory, and errors that name the node and its recipe position.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, SousError } from '@sous/core';
import { Executor } from '../src/exec/executor.js';
import { StageRunner } from '../src/train/stage-runner.js';
import { BUILTIN_OPS } from '../src/exec/ops.js';
import { fixturePlugin, node, plan, regressionPlan, stage } from './exec-fixtures.js';
import type { Plan } from '@sous/dsl';

await tf.setBackend('cpu');

const start = (p: Plan, seed = 1) =>
  Executor.start({ plan: p, plugins: [fixturePlugin], tf, backend: 'cpu', seed, recipeDir: '.' });

function close(actual: ArrayLike<number>, expected: number[], tolerance = 1e-5, what = 'value'): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function weights(executor: Executor, model = 'model'): number[] {
  const vars = executor.variables(model);
  return [...vars.get(`${model}.weight`)!.dataSync(), ...vars.get(`${model}.bias`)!.dataSync()];
}

async function rejects(promise: Promise<unknown>, check: (e: SousError) => void): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, SousError, String(error));
    check(error as SousError);
    return;
  }
  assert.unreachable('expected a SousError');
}

/** w = [0, 0], b = 0 on x = [[1,2],[3,4]], y = [1, 2]. */
function fixedPlan(stageOptions = {}) {
  const p = regressionPlan(stageOptions, { mode: 'fixed' });
  p.nodes[0].params = { init: [0, 0, 0] };
  return p;
}

test('one SGD step matches the hand-computed MSE gradient, and the record holds it', async () => {
  // pred = 0, residuals r = pred − y = [−1, −2]; loss = (1 + 4)/2 = 2.5.
  // dL/dw = (2/N) Σ r_i x_i = [−1·1 − 2·3, −1·2 − 2·4] = [−7, −10]; dL/db = −1 − 2 = −3.
  // SGD lr 0.1: w = [0.7, 1.0], b = 0.3; grad_norm = √(49 + 100 + 9) = √158.
  const executor = await start(fixedPlan());
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train, eval: evalRecord, skipped } = await runner.step(0);
  close(weights(executor), [0.7, 1.0, 0.3]);
  assert.equal(Object.keys(train), ['stage', 'step', 'loss', 'lr', 'grad_norm']);
  assert.is(train.stage, 'fit');
  assert.is(train.step, 0);
  close([train.loss as number, train.lr as number, train.grad_norm as number], [2.5, 0.1, Math.sqrt(158)]);
  assert.is(evalRecord, undefined);
  assert.is(skipped, false);
  runner.dispose();
});

test('clip_grad_norm scales the update; grad_norm records the norm before clipping', async () => {
  const executor = await start(fixedPlan({ settings: { clip_grad_norm: 1 } }));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train } = await runner.step(0);
  const c = 1 / (Math.sqrt(158) + 1e-6);
  close(weights(executor), [0.7 * c, 1.0 * c, 0.3 * c]);
  close([train.grad_norm as number], [Math.sqrt(158)]);
  runner.dispose();
});

test('the schedule scales lr per step', async () => {
  const executor = await start(fixedPlan({ schedule: { name: 'warmup', params: { warmup: 2 } } }));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const lrs = [(await runner.step(0)).train.lr as number];
  close(weights(executor), [0.35, 0.5, 0.15]); // the first update at lr 0.05: 0.05·[7, 10, 3]
  for (let s = 1; s < 3; s++) lrs.push((await runner.step(s)).train.lr as number);
  close(lrs, [0.05, 0.1, 0.1]);
  runner.dispose();
});

test('accumulate 2: each micro-step draws its own batch; the update uses their mean gradient', async () => {
  // Micro-step 0 sees x = [1, 1], y = 0: residual 0, gradient 0. Micro-step 1 sees x = [2, 1],
  // y = 1: residual −1, dL/dw = 2·(−1)·[2, 1] = [−4, −2], dL/db = −2. Mean: [−2, −1], −1.
  // SGD lr 0.1 → w = [0.2, 0.1], b = 0.1. The recorded loss is the mean (0 + 1)/2.
  const p = regressionPlan({ settings: { accumulate: 2 } }, { mode: 'step' });
  p.nodes[0].params = { init: [0, 0, 0] };
  const executor = await start(p);
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train } = await runner.step(0);
  close(weights(executor), [0.2, 0.1, 0.1]);
  close([train.loss as number], [0.5]);
  runner.dispose();
});

test('node metrics: bound nodes prefix their binding, anonymous ones do not, and every node of a clash takes its id', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('fit.reward', 'fixture.targets', { inputs: { data: 'fit.batch' } }),
    node('fit.r$1', 'fixture.report', { inputs: { values: 'fit.reward' } }),
    node('fit.r$2', 'fixture.report', { inputs: { values: 'fit.reward' } }),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train } = await runner.step(0);
  assert.equal(Object.keys(train), [
    'stage',
    'step',
    'loss',
    'lr',
    'grad_norm',
    'reward.mean',
    'fit.r$1.mean',
    'fit.r$2.mean',
  ]);
  assert.equal([train['reward.mean'], train['fit.r$1.mean'], train['fit.r$2.mean']], [1.5, 1.5, 1.5]);
  runner.dispose();
});

test('built-in operators compose losses: loss = mse + 0.5·mse updates with 1.5× the gradient', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('fit.mse', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.loss$1', 'core.scale', { kind: 'op', params: { factor: 0.5 }, inputs: { x: 'fit.mse' }, output: 'Loss' }),
    node('fit.loss', 'core.add', { kind: 'op', inputs: { a: 'fit.mse', b: 'fit.loss$1' }, output: 'Loss' }),
  ];
  const executor = await start(
    plan([node('model', 'fixture.linear', { params: { init: [0, 0, 0] } }), ...nodes], [stage('fit', nodes)]),
  );
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train } = await runner.step(0);
  close([train.loss as number], [3.75]);
  close(weights(executor), [1.05, 1.5, 0.45]);
  runner.dispose();
});

test('built-in operators on arrays, numbers and tensors', () => {
  const a = new Float32Array([1, 0, 1]),
    b = new Float32Array([1, 1, 0]);
  assert.equal([...(BUILTIN_OPS['core.and']({ a, b }, {}) as Float32Array)], [1, 0, 0]);
  assert.equal([...(BUILTIN_OPS['core.or']({ a, b }, {}) as Float32Array)], [1, 1, 1]);
  assert.equal([...(BUILTIN_OPS['core.not']({ x: a }, {}) as Float32Array)], [0, 1, 0]);
  assert.equal(
    [...(BUILTIN_OPS['core.add']({ a: [1, 2], b: new Float32Array([0.5, NaN]) }, {}) as Float32Array)],
    [1.5, NaN],
  );
  assert.equal([...(BUILTIN_OPS['core.sub']({ a: [1, 2], b: [3, 5] }, {}) as Float32Array)], [-2, -3]);
  assert.equal([...(BUILTIN_OPS['core.scale']({ x: [1, -2] }, { factor: -0.5 }) as Float32Array)], [-0.5, 1]);
  assert.is(BUILTIN_OPS['core.add']({ a: 2, b: 3 }, {}), 5);
  assert.is(BUILTIN_OPS['core.const']({}, { value: 0.25 }), 0.25);
  const t = tf.tidy(() =>
    (BUILTIN_OPS['core.sub']({ a: tf.tensor1d([1, 2]), b: [0.5, 0.5] }, {}) as tf.Tensor).arraySync(),
  );
  assert.equal(t, [0.5, 1.5]);
  const m = tf.tidy(() => (BUILTIN_OPS['core.not']({ x: tf.tensor1d([0, 1]) }, {}) as tf.Tensor).arraySync());
  assert.equal(m, [1, 0]);
  assert.throws(() => BUILTIN_OPS['core.add']({ a: [1], b: [1, 2] }, {}), /different lengths \(1 and 2\)/);
  assert.throws(() => BUILTIN_OPS['core.and']({ a: 'x', b: [1] }, {}), /cannot combine a string/);
});

test('two optimizers: each minimises its own loss and updates only its own model', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('fit.loss_a', 'fixture.mse', { inputs: { model: 'a', data: 'fit.batch' } }),
    node('fit.loss_b', 'fixture.mse', { inputs: { model: 'b', data: 'fit.batch' } }),
  ];
  const source = { file: 'fixture.recipe', line: 50, col: 3 };
  const p = plan(
    [
      node('a', 'fixture.linear', { params: { init: [0, 0, 0] } }),
      node('b', 'fixture.linear', { params: { init: [0, 0, 0] } }),
      ...nodes,
    ],
    [
      stage('fit', nodes, {
        optimizers: [
          { name: 'sgd', params: { lr: 0.1 }, loss: 'fit.loss_a', model: 'a', source },
          { name: 'sgd', params: { lr: 0.01 }, loss: 'fit.loss_b', model: 'b', source },
        ],
      }),
    ],
  );
  const executor = await start(p);
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const { train } = await runner.step(0);
  close(weights(executor, 'a'), [0.7, 1.0, 0.3]);
  close(weights(executor, 'b'), [0.07, 0.1, 0.03]);
  assert.equal(Object.keys(train), ['stage', 'step', 'loss_a', 'loss_b', 'a.lr', 'a.grad_norm', 'b.lr', 'b.grad_norm']);
  assert.is(train['b.lr'], 0.01);
  assert.is(runner.optimizerStates().length, 2);
  runner.dispose();
});

test('a frozen copy is made when the first stage that reads it starts, and is not optimised', async () => {
  // Stage "fit" trains `model` one SGD step (weights [0.7, 1.0, 0.3], see above); stage "tune"
  // reads `ref = frozen(model)`, so ref copies the weights after "fit", as a reference policy
  // after an SFT stage should.
  const fit = [
    node('fit.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const tune = [
    node('tune.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('tune.loss', 'fixture.mse', { inputs: { model: 'model', data: 'tune.batch' } }),
  ];
  const tuneEval = node('tune.eval$1', 'fixture.eval_mse', { inputs: { model: 'ref' } });
  const p = plan(
    [
      node('model', 'fixture.linear', { params: { init: [0, 0, 0] } }),
      node('ref', 'fixture.frozen', { inputs: { model: 'model' } }),
      ...fit,
      ...tune,
      tuneEval,
    ],
    [stage('fit', fit, { steps: 1 }), stage('tune', tune, { steps: 1, evals: [{ every: 1, nodes: ['tune.eval$1'] }] })],
  );
  const executor = await start(p);
  const fitRunner = await StageRunner.open(executor, p.stages[0]);
  assert.equal(executor.frozenModels, []);
  await fitRunner.step(0);
  fitRunner.dispose();
  const tuneRunner = await StageRunner.open(executor, p.stages[1]);
  assert.equal(
    executor.models.map((m) => m.name),
    ['model'],
  );
  assert.equal(
    executor.frozenModels.map((m) => m.name),
    ['ref'],
  );
  assert.equal([...executor.variables().keys()], ['model.weight', 'model.bias']);
  const ref = [...executor.frozenModels[0].model.namedVariables().values()].flatMap((v) => [...v.dataSync()]);
  close(ref, [0.7, 1.0, 0.3]);
  await tuneRunner.step(0);
  close(
    [...executor.frozenModels[0].model.namedVariables().values()].flatMap((v) => [...v.dataSync()]),
    [0.7, 1.0, 0.3],
  );
  tuneRunner.dispose();
});

test('evals run every N steps and after the last step, after the update', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data', { params: { mode: 'fixed' } }),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.eval$1', 'fixture.eval_mse', { inputs: { model: 'model' } }),
  ];
  const p = plan(
    [node('model', 'fixture.linear', { params: { init: [0, 0, 0] } }), ...nodes],
    [stage('fit', nodes, { evals: [{ every: 2, nodes: ['fit.eval$1'] }] })],
  );
  const executor = await start(p);
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const evaluated: number[] = [];
  let first: Record<string, unknown> | undefined;
  for (let s = 0; s < 5; s++) {
    const result = await runner.step(s);
    if (result.eval) {
      evaluated.push(s);
      first ??= result.eval;
    }
  }
  assert.equal(evaluated, [1, 3, 4]);
  assert.equal(Object.keys(first!), ['kind', 'stage', 'step', 'mse']);
  assert.is(first!.kind, 'eval');
  // The eval after step 1 sees both updates: step 0 gives w = [0.7, 1.0], b = 0.3 (see the first
  // test); step 1: residuals [2, 4.4], gradient [15.2, 21.6], 6.4 → w = [−0.82, −1.16], b = −0.34;
  // eval residuals [−4.48, −9.44] → MSE (20.0704 + 89.1136)/2 = 54.592.
  close([first!.mse as number], [54.592], 1e-3);
  runner.dispose();
});

test('the live tensor count is flat across 200 steps', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data', { params: { size: 8 } }),
    node('fit.reward', 'fixture.targets', { inputs: { data: 'fit.batch' } }),
    node('fit.mse', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.loss$1', 'core.scale', { kind: 'op', params: { factor: 0.5 }, inputs: { x: 'fit.mse' }, output: 'Loss' }),
    node('fit.loss', 'core.add', { kind: 'op', inputs: { a: 'fit.mse', b: 'fit.loss$1' }, output: 'Loss' }),
    node('fit.eval$1', 'fixture.eval_mse', { inputs: { model: 'model' } }),
  ];
  const p = plan(
    [node('model', 'fixture.linear'), ...nodes],
    [
      stage('fit', nodes, {
        steps: 200,
        optimizers: [
          { name: 'adamw', params: { lr: 0.05 }, loss: null, model: null, source: { file: 'f', line: 1, col: 1 } },
        ],
        schedule: { name: 'cosine', params: { warmup: 5 } },
        settings: { clip_grad_norm: 1, accumulate: 2 },
        evals: [{ every: 7, nodes: ['fit.eval$1'] }],
      }),
    ],
  );
  const executor = await start(p);
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  let atTen = 0;
  let last: Record<string, unknown> = {};
  for (let s = 0; s < 200; s++) {
    last = (await runner.step(s)).train;
    if (s === 10) atTen = tf.memory().numTensors;
  }
  assert.is(tf.memory().numTensors, atTen);
  assert.ok((last.loss as number) < 0.05, `the model learns (loss ${last.loss})`);
  runner.dispose();
});

test('a NaN loss stops with the node, its recipe position and the step', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data'),
    node('fit.loss', 'fixture.nan_at', { params: { step: 2 }, inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await runner.step(0);
  await runner.step(1);
  const before = weights(executor);
  await rejects(runner.step(2), (e) => {
    assert.match(
      e.message,
      /stage "fit", step 2: the loss "loss" is NaN, produced by node "fit.loss" \(fixture.nan_at\)/,
    );
    assert.equal([e.file, e.line], ['fixture.recipe', nodes[1].source.line]);
    assert.match(e.hint!, /on_nan "skip"/);
  });
  assert.equal(weights(executor), before, 'no update from the bad step');
  runner.dispose();
});

test('a NaN inside a composed loss names the first node that produced it', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data'),
    node('fit.mse', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.bad$1', 'fixture.nan_at', { params: { step: 0 }, inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.loss', 'core.add', { kind: 'op', inputs: { a: 'fit.mse', b: 'fit.bad$1' }, output: 'Loss' }),
  ];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await rejects(runner.step(0), (e) => {
    assert.match(
      e.message,
      /the loss "loss" is NaN, produced by node "fit.bad\$1" \(fixture.nan_at\), the first non-finite value/,
    );
    assert.is(e.line, nodes[2].source.line);
  });
  runner.dispose();
});

test('a non-finite gradient names the variable', async () => {
  const nodes = [node('fit.loss', 'fixture.bad_grad', { inputs: { model: 'model' } })];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await rejects(runner.step(0), (e) =>
    assert.match(e.message, /step 0: the gradient of "model.weight" is not finite \(loss "loss" of node "fit.loss"/),
  );
  runner.dispose();
});

test('on_nan "skip" skips the update, counts it and continues', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data'),
    node('fit.loss', 'fixture.nan_at', { params: { step: 1 }, inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const warnings: string[] = [];
  const executor = await Executor.start({
    plan: plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)], { on_nan: 'skip' }),
    plugins: [fixturePlugin],
    tf,
    backend: 'cpu',
    seed: 1,
    recipeDir: '.',
    logger: { info: () => {}, warn: (m) => warnings.push(m) },
  });
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  assert.is((await runner.step(0)).train.skipped_steps, 0);
  const before = weights(executor);
  const skipped = await runner.step(1);
  assert.ok(skipped.skipped);
  assert.is(skipped.train.skipped_steps, 1);
  assert.ok(Number.isNaN(skipped.train.loss));
  assert.equal(weights(executor), before);
  const after = await runner.step(2);
  assert.is(after.train.skipped_steps, 1);
  assert.not.equal(weights(executor), before);
  assert.match(warnings[0], /step 1: the loss "loss" is NaN.*step skipped/);
  runner.dispose();
});

test('a loss node that returns a Promise is a clear error', async () => {
  const nodes = [node('fit.loss', 'fixture.async_loss', { inputs: { model: 'model' } })];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await rejects(runner.step(0), (e) => {
    assert.match(e.message, /node "fit.loss" \(fixture.async_loss\) returned a Promise/);
    assert.is(e.line, nodes[0].source.line);
  });
  runner.dispose();
});

test('parameters are validated with the node schema at start, naming the node', async () => {
  const bad = regressionPlan({}, { size: 0 });
  await rejects(start(bad), (e) => {
    assert.match(e.message, /node "fit.batch" \(fixture.data\): parameter size: /);
    assert.is(e.line, bad.nodes[1].source.line);
  });
  const unknown = regressionPlan();
  unknown.nodes[1].op = 'fixture.dta';
  await rejects(start(unknown), (e) => assert.match(e.message, /plugin @sous\/fixture has no node "dta"/));
});

test('a plugin error is wrapped with the node, the stage and the step', async () => {
  const nodes = [
    node('fit.batch', 'fixture.fail'),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const executor = await start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]));
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  await rejects(runner.step(3), (e) => {
    assert.match(e.message, /node "fit.batch" \(fixture.fail\) failed in stage "fit", step 3: disk on fire/);
    assert.instance(e.cause, Error);
  });
  runner.dispose();
});

test('a SousError without a file gets the node position; one with a file is kept', async () => {
  const failing = (error: SousError) => ({
    ...fixturePlugin,
    nodes: [
      ...fixturePlugin.nodes,
      {
        ...fixturePlugin.nodes.find((n) => n.name === 'fail')!,
        name: 'fail2',
        run: () => {
          throw error;
        },
      },
    ],
  });
  const nodes = [
    node('fit.batch', 'fixture.fail2'),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const p = plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)]);
  for (const [thrown, expected] of [
    [
      new SousError('bad config', { hint: 'Fix it.' }),
      {
        message: 'node "fit.batch" (fixture.fail2) in stage "fit", step 0: bad config',
        file: 'fixture.recipe',
        hint: 'Fix it.',
      },
    ],
    [
      new SousError('line 3: bad JSON', { file: 'data.jsonl' }),
      { message: 'line 3: bad JSON', file: 'data.jsonl', hint: undefined },
    ],
  ] as const) {
    const executor = await Executor.start({
      plan: p,
      plugins: [failing(thrown)],
      tf,
      backend: 'cpu',
      seed: 1,
      recipeDir: '.',
    });
    const runner = await StageRunner.open(executor, executor.plan.stages[0]);
    await rejects(runner.step(0), (e) => assert.equal({ message: e.message, file: e.file, hint: e.hint }, expected));
    runner.dispose();
  }
});

test('a node outside the gradient cannot read a loss', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data'),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.r$1', 'fixture.report', { inputs: { values: 'fit.loss' } }),
  ];
  await rejects(start(plan([node('model', 'fixture.linear'), ...nodes], [stage('fit', nodes)])), (e) =>
    assert.match(e.message, /node "fit.r\$1" \(fixture.report\) reads the loss "fit.loss"/),
  );
});

test('node rngs depend on (seed, node, step) only', async () => {
  const draw = async (seed: number, steps: number[]) => {
    const executor = await start(regressionPlan(), seed);
    const runner = await StageRunner.open(executor, executor.plan.stages[0]);
    const out: Record<number, unknown> = {};
    for (const s of steps) out[s] = (await runner.step(s)).train['batch.y_mean'];
    runner.dispose();
    return out;
  };
  const all = await draw(1, [0, 1, 2, 3]);
  const skipping = await draw(1, [3]);
  assert.is(skipping[3], all[3]);
  assert.is.not((await draw(2, [3]))[3], all[3]);
});

test.run();
