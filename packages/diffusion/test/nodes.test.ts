import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import plugin from '../src/index.js';
import { batch } from '../src/nodes/batch.js';
import { dsm } from '../src/nodes/dsm.js';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { lognormalMixture } from '../src/nodes/lognormal_mixture.js';
import { positivity } from '../src/nodes/positivity.js';
import { slicedWasserstein } from '../src/nodes/sliced_wasserstein.js';
import { mlpScore } from '../src/nodes/mlp_score.js';
import { sample } from '../src/nodes/sample.js';
import { gbmNode } from '../src/nodes/gbm.js';
import { vp } from '../src/nodes/vp.js';
import { checkerboard } from '../src/nodes/checkerboard.js';
import { swissRoll } from '../src/nodes/swiss_roll.js';
import { twoMoons } from '../src/nodes/two_moons.js';
import type { Distribution } from '../src/data/distribution.js';
import { makePoints, type Points } from '../src/points.js';

test('the plugin registers every node once under "diffusion"', () => {
  assert.is(plugin.namespace, 'diffusion');
  assert.equal(
    plugin.nodes.map((node) => node.name),
    [
      'gaussian_mixture',
      'two_moons',
      'swiss_roll',
      'checkerboard',
      'lognormal_mixture',
      'product',
      'mlp_score',
      'exact_score',
      'vp',
      'vp_cosine',
      've',
      'edm',
      'gbm',
      'batch',
      'dsm',
      'sample',
      'fkc_sample',
      'sliced_wasserstein',
      'mmd',
      'mode_coverage',
      'class_accuracy',
      'positivity',
      'one_step_generator',
      'denoiser_copy',
      'one_step_sample',
      'class_fidelity',
      'score_r2',
      'scatter',
    ],
  );
});

test('data nodes: seeded splits with labels; the data seed, not the recipe seed, fixes them', () => {
  const a = runNode<Distribution>(gaussianMixture, {}, { components: 4, train_size: 50, test_size: 20, seed: 3 });
  const b = runNode<Distribution>(
    gaussianMixture,
    {},
    { components: 4, train_size: 50, test_size: 20, seed: 3 },
    testContext({ seed: 99 }),
  );
  assert.equal([...a.train.values], [...b.train.values]);
  assert.is(a.test.count, 20);
  assert.is(a.classes, 4);
  for (const node of [twoMoons, swissRoll, checkerboard]) {
    const data = runNode<Distribution>(node, {}, { train_size: 100, test_size: 10 });
    assert.is(data.train.count, 100);
    assert.ok(data.train.values.every(Number.isFinite));
  }
  const positive = runNode<Distribution>(lognormalMixture, {}, { train_size: 200, test_size: 10 });
  assert.ok(positive.train.values.every((v) => v > 0));
  assert.throws(() => gaussianMixture.params.parse({ layout: 'grid', components: 5 }), /square number/);
});

test('batch draws rows of the split; dsm returns a finite scalar', () => {
  const data = runNode<Distribution>(gaussianMixture, {}, { train_size: 100, test_size: 10 });
  const rows = runNode<Points>(batch, { data: data.train }, { size: 32 });
  assert.is(rows.count, 32);
  const model = runNode(mlpScore, {}, { hidden: 16, layers: 1 });
  const loss = tf.tidy(() => runNode<tf.Scalar>(dsm, { model, batch: rows, schedule: runNode(vp, {}) }).dataSync()[0]);
  assert.ok(Number.isFinite(loss) && loss > 0);
});

test('what the port types cannot say is checked at run time, with message ids', async () => {
  const model = runNode(mlpScore, {}, { hidden: 8, layers: 1 });
  const data = runNode<Distribution>(gaussianMixture, {}, { train_size: 20, test_size: 10 });
  const notDenoiser = { kind: 'model', trainable: true, namedVariables: () => new Map() };
  await new NodeTester(dsm).run({
    invalid: [
      { inputs: { model: notDenoiser, batch: data.train, schedule: runNode(vp, {}) }, messageId: 'notDenoiser' },
      {
        inputs: { model, batch: makePoints(Float32Array.of(1, 2, 3), 3), schedule: runNode(vp, {}) },
        messageId: 'pointsDim',
        data: { got: 3, want: 2 },
      },
      { inputs: { model, batch: data.train, schedule: runNode(gbmNode, {}) }, messageId: 'notPositive' },
    ],
  });
  await new NodeTester(sample).run({
    invalid: [
      {
        inputs: { model, schedule: runNode(vp, {}) },
        params: { teleport: 0.2, n: 4, steps: 2 },
        messageId: 'teleportData',
      },
      {
        inputs: { model: runNode(mlpScore, {}, { hidden: 8, layers: 1, classes: 2 }), schedule: runNode(vp, {}) },
        params: { label: 2, n: 4, steps: 2 },
        messageId: 'labelRange',
        data: { label: 2, classes: 2 },
      },
    ],
  });
  await new NodeTester(batch).run({
    valid: [
      { inputs: { data: data.train }, params: { size: 3 }, check: (rows) => assert.is((rows as Points).count, 3) },
    ],
    invalid: [{ inputs: { data: makePoints(new Float32Array(0), 2) }, messageId: 'emptySet' }],
  });
});

test('sample records network calls; metrics report the truth-vs-truth yardstick', () => {
  const data = runNode<Distribution>(gaussianMixture, {}, { train_size: 200, test_size: 200 });
  const model = runNode(mlpScore, {}, { hidden: 8, layers: 1 });
  const ctx = testContext();
  const points = runNode<Points>(
    sample,
    { model, schedule: runNode(vp, {}), data: undefined },
    { n: 64, steps: 5, method: 'ddim' },
    ctx,
  );
  assert.is(points.count, 64);
  assert.is(ctx.metrics.network_calls, 6);
  const metrics = runNode<Record<string, number>>(slicedWasserstein, { samples: points, data });
  assert.ok(metrics.sliced_wasserstein > metrics.sliced_wasserstein_truth);
  assert.equal(
    runNode(positivity, { samples: { kind: 'points', count: 2, dim: 2, values: Float32Array.of(1, 2, 3, -1) } }),
    { positive_fraction: 0.5, min_value: -1 },
  );
});

test.run();
