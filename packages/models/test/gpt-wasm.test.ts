// The wasm backend (the default on machines without a GPU) computes what the cpu reference does:
// the fused linear kernel, scatterND's summing of repeated ids, the batched attention products.
// So does the native backend (wasm with OpenBLAS products and fused GELU, LayerNorm and attention
// kernels), for both GELU kinds, tied and untied heads, and KV-cached decoding.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_KERNELS, fusedKernelAvailable, Rng, tf, transposedMatMulIsSlow } from '@sous/core';
import { selectBackend, type BackendName } from '@sous/runtime';
import { GptModel, gptConfig, type GptConfig } from '../src/index.js';
import { maxAbsDiff, modelFrom, randomWeights } from './helpers/random-weights.js';

test.after(async () => {
  await selectBackend('cpu');
});

/** Logits of 3 random sequences and the gradient of mean(logits²) for each weight, on `backend`. */
async function logitsAndGradients(backend: BackendName, makeModel: () => GptModel, time: number) {
  await selectBackend(backend);
  // The native backend's layers take the fused kernels and products with transpose flags.
  assert.is(fusedKernelAvailable(FUSED_KERNELS.attention), backend === 'native', `${backend}: fused attention`);
  assert.is(transposedMatMulIsSlow(), backend === 'wasm', `${backend}: transposed products slow`);
  const model = makeModel();
  const rng = new Rng('tokens');
  const input = tf.tensor2d(
    Array.from({ length: 3 }, () => Array.from({ length: time }, () => rng.int(6))),
    undefined,
    'int32',
  );
  const logits = model.logits(input).dataSync();
  const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.logits(input))) as tf.Scalar);
  const byName = new Map([...model.namedVariables()].map(([name, v]) => [name, grads[v.name].dataSync()]));
  tf.dispose([input, value, ...Object.values(grads)]);
  model.dispose();
  return { logits, byName };
}

/** `backend` agrees with cpu on the logits (1e-5) and every weight's gradient (1e-4 of its scale). */
async function assertAgreesWithCpu(backend: BackendName, makeModel: () => GptModel, time: number): Promise<void> {
  const cpu = await logitsAndGradients('cpu', makeModel, time);
  const other = await logitsAndGradients(backend, makeModel, time);
  assert.ok(
    maxAbsDiff(cpu.logits, other.logits) < 1e-5,
    `${backend}: logits differ by ${maxAbsDiff(cpu.logits, other.logits)}`,
  );
  assert.equal([...other.byName.keys()], [...cpu.byName.keys()]);
  for (const [name, g] of cpu.byName) {
    const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
    const diff = maxAbsDiff(g, other.byName.get(name)!);
    assert.ok(diff < 1e-4 * scale, `${backend}: gradient of ${name} differs by ${diff} (scale ${scale})`);
  }
}

test('wasm and cpu agree on logits and gradients from the same seed', async () => {
  await assertAgreesWithCpu(
    'wasm',
    () => GptModel.create({ ...gptConfig('grpo-tiny'), layers: 2, contextLength: 12 }, new Rng('wasm-vs-cpu')),
    12,
  );
});

const small: GptConfig = {
  vocabSize: 13,
  contextLength: 10,
  layers: 2,
  heads: 2,
  dModel: 8,
  dFF: 32,
  layerNormEps: 1e-5,
  gelu: 'tanh',
  tiedHead: true,
};

for (const gelu of ['exact', 'tanh'] as const) {
  for (const tiedHead of [true, false]) {
    test(`native and cpu agree on logits and gradients (${gelu} GELU, ${tiedHead ? 'tied' : 'untied'} head)`, async () => {
      const config = { ...small, gelu, tiedHead };
      const weights = randomWeights(config, `native-${gelu}-${tiedHead}`);
      await assertAgreesWithCpu('native', () => modelFrom(config, weights), 9);
    });
  }
}

test('native: cached decode (prefill, then token by token) matches the full forward and leaks nothing', async () => {
  await selectBackend('native');
  const config = { ...small, gelu: 'exact' as const, tiedHead: false };
  const model = modelFrom(config, randomWeights(config, 'native-cache'));
  const rng = new Rng('native-cache-tokens');
  const input = tf.tensor2d(
    Array.from({ length: 3 }, () => Array.from({ length: 9 }, () => rng.int(13))),
    undefined,
    'int32',
  );
  const full = model.logits(input);
  const before = tf.memory().numTensors;
  const cache = model.newCache(3, 9);
  const steps = [tf.tidy(() => model.decode(tf.slice(input, [0, 0], [3, 4]), cache))];
  // The buffers are allocated once, on the first decode, for the whole capacity; every later step
  // writes into the same tensors and keeps no new one.
  const store = cache.selfAttention;
  assert.ok(store.preallocated);
  const layerBuffers = () => [0, 1].flatMap((layer) => [store.layer(layer)!.keys, store.layer(layer)!.values]);
  const buffers = layerBuffers();
  assert.equal(
    buffers.map((t) => t.shape),
    buffers.map(() => [3, 9, 8]),
  );
  const afterPrefill = tf.memory().numTensors;
  for (let t = 4; t < 9; t++) {
    steps.push(tf.tidy(() => model.decode(tf.slice(input, [0, t], [3, 1]), cache)));
    assert.ok(
      layerBuffers().every((tensor, i) => tensor === buffers[i]),
      `step ${t}: the same buffers`,
    );
    assert.is(tf.memory().numTensors, afterPrefill + steps.length - 1, `step ${t}: only the step's logits are new`);
  }
  assert.is(cache.length, 9);
  const stepped = tf.concat(steps, 1);
  assert.equal(stepped.shape, [3, 9, 13]);
  assert.ok(
    maxAbsDiff(stepped.dataSync(), full.dataSync()) < 1e-5,
    `decode differs by ${maxAbsDiff(stepped.dataSync(), full.dataSync())}`,
  );
  tf.dispose([...steps, stepped]);
  cache.dispose();
  assert.is(tf.memory().numTensors, before, 'the cache and the decode steps leave no tensor behind');
  tf.dispose([input, full]);
  model.dispose();
});

test('a cache started on one backend refuses another: its keys/values live there', async () => {
  await selectBackend('cpu');
  const model = modelFrom(small, randomWeights(small, 'switch'));
  const cache = model.newCache(1);
  const token = () => tf.zeros([1, 1], 'int32') as tf.Tensor2D;
  tf.tidy(() => {
    model.decode(token(), cache);
  });
  await selectBackend('native');
  assert.throws(
    () => tf.tidy(() => model.decode(token(), cache)),
    /cache was started on another backend .* make a new cache after switching backends/,
  );
  cache.dispose();
  model.dispose();
});

test.run();
