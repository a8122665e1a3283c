// The wasm backend (the default on machines without a GPU) computes what the cpu reference does:
// the fused linear kernel, scatterND's summing of repeated ids, the batched attention products.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, selectBackend, tf } from '@sous/core';
import { GptModel, gptConfig } from '../src/index.js';
import { maxAbsDiff } from './helpers/random-weights.js';

async function logitsAndGradients(backend: 'cpu' | 'wasm') {
  await selectBackend(backend);
  const model = GptModel.create({ ...gptConfig('grpo-tiny'), layers: 2, contextLength: 12 }, new Rng('wasm-vs-cpu'));
  const rng = new Rng('tokens');
  const input = tf.tensor2d(Array.from({ length: 3 }, () => Array.from({ length: 12 }, () => rng.int(6))), undefined, 'int32');
  const logits = model.logits(input).dataSync();
  const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.logits(input))) as tf.Scalar);
  const byName = new Map([...model.namedVariables()].map(([name, v]) => [name, grads[v.name].dataSync()]));
  tf.dispose([input, value, ...Object.values(grads)]);
  model.dispose();
  return { logits, byName };
}

test('wasm and cpu agree on logits and gradients from the same seed', async () => {
  const cpu = await logitsAndGradients('cpu');
  const wasm = await logitsAndGradients('wasm');
  assert.ok(maxAbsDiff(cpu.logits, wasm.logits) < 1e-5, `logits differ by ${maxAbsDiff(cpu.logits, wasm.logits)}`);
  for (const [name, g] of cpu.byName) {
    const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
    assert.ok(maxAbsDiff(g, wasm.byName.get(name)!) < 1e-4 * scale, name);
  }
  await selectBackend('cpu');
});

test.run();
