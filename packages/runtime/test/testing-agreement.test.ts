// @sous/core/testing against the executor: a node run alone with testContext draws what it draws
// inside a real run (the kit's own tests cannot start the executor, which lives here).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { runNode, testContext } from '@sous/core/testing';
import { Executor } from '../src/exec/executor.js';
import { StageRunner } from '../src/train/stage-runner.js';
import { fixturePlugin, regressionPlan } from './exec-fixtures.js';

test('a node draws in testContext what it draws inside the executor, at the top level and at a step', async () => {
  // regressionPlan: top-level "model" (fixture.linear) draws its initial weights from ctx.rng; stage
  // node "fit.batch" (fixture.data) draws its samples from ctx.rng and reports their mean.
  const executor = await Executor.start({
    plan: regressionPlan(),
    plugins: [fixturePlugin],
    tf,
    backend: 'cpu',
    seed: 7,
    recipeDir: '.',
  });
  const runner = await StageRunner.open(executor, executor.plan.stages[0]);
  const initial = (name: string) => [...executor.variables('model').get(name)!.dataSync()];
  const [weight, bias] = [initial('model.weight'), initial('model.bias')]; // before the step updates them
  const { train } = await runner.step(3);
  const nodeNamed = (name: string) => fixturePlugin.nodes.find((n) => n.name === name)!;

  const alone = runNode<{ weight: tf.Variable; bias: tf.Variable }>(
    nodeNamed('linear'),
    {},
    {},
    testContext({ seed: 7, nodeId: 'model' }),
  );
  assert.equal([...alone.weight.dataSync()], weight);
  assert.equal([...alone.bias.dataSync()], bias);
  const ctx = testContext({ seed: 7, nodeId: 'fit.batch', stage: 'fit', step: 3 });
  runNode(nodeNamed('data'), {}, {}, ctx);
  assert.is(ctx.metrics.y_mean, train['batch.y_mean']);

  alone.weight.dispose();
  alone.bias.dispose();
  runner.dispose();
});

test.run();
