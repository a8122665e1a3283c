// GptModel's gradients (custom gradients for linear maps, embeddings, LayerNorm, attention
// products) against central finite differences of the independent float64 forward.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import type { GptConfig } from '../src/index.js';
import { referenceLogits, type Weights } from './helpers/reference-gpt.js';
import { checkFiniteDifferences } from './helpers/finite-differences.js';
import { modelFrom, randomWeights } from './helpers/random-weights.js';

const config: GptConfig = {
  vocabSize: 7,
  contextLength: 6,
  layers: 2,
  heads: 2,
  dModel: 4,
  dFF: 8,
  layerNormEps: 1e-5,
  gelu: 'exact',
  tiedHead: false,
};
// Token 2 repeats: the embedding gradient must add both rows.
const tokens = [
  [2, 5, 2, 0],
  [6, 1, 3, 2],
];

/** Σ logits·probe, the scalar whose gradient is checked. */
function referenceLoss(cfg: GptConfig, weights: Weights, probe: number[]): number {
  const logits = tokens.flatMap((seq) => referenceLogits(cfg, weights, seq).flat());
  return logits.reduce((s, x, i) => s + x * probe[i], 0);
}

for (const tiedHead of [false, true]) {
  test(`every weight's gradient matches finite differences (tied head ${tiedHead})`, async () => {
    await tf.setBackend('cpu');
    const cfg = { ...config, tiedHead };
    const weights = randomWeights(cfg, `grad-${tiedHead}`, 0.5);
    const rng = new Rng('probe');
    const probe = Array.from({ length: 2 * 4 * 7 }, () => rng.normal());
    const model = modelFrom(cfg, weights);
    const input = tf.tensor2d(tokens, undefined, 'int32');
    const probeTensor = tf.tensor3d(probe, [2, 4, 7]);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(model.logits(input), probeTensor)) as tf.Scalar,
      [...model.namedVariables().values()],
    );
    const byName = new Map([...model.namedVariables()].map(([name, v]) => [name, grads[v.name].dataSync()]));
    const checked = checkFiniteDifferences(weights, (exact) => referenceLoss(cfg, exact, probe), byName, rng, 3);
    assert.ok(checked > 60);
    // Token 2 appears three times: its embedding row gathers three contributions; 4 never does.
    assert.ok(
      byName
        .get('wte.weight')!
        .slice(4 * 4, 5 * 4)
        .every((g) => (tiedHead ? g !== 0 : g === 0)),
    );
    tf.dispose([value, input, probeTensor, ...Object.values(grads)]);
    model.dispose();
  });
}

test('a gradient step leaves no tensor behind', async () => {
  await tf.setBackend('cpu');
  const model = modelFrom(config, randomWeights(config, 'leak'));
  const input = tf.tensor2d(tokens, undefined, 'int32');
  const before = tf.memory().numTensors;
  for (let step = 0; step < 2; step++) {
    const { value, grads } = tf.variableGrads(() => tf.mean(model.logits(input)) as tf.Scalar);
    tf.dispose([value, ...Object.values(grads)]);
  }
  assert.is(tf.memory().numTensors, before);
  input.dispose();
  model.dispose();
});

test.run();
