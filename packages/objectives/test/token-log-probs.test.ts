// tokenLogProbs on the native backend (the fused SousTokenLogProb kernels) against the cpu
// backend's one-hot form and a float64 reference: values, and gradients with respect to the
// model's weights, at a sampler temperature too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_KERNELS, fusedKernelAvailable, Rng, tf } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { probeBackends, selectBackend } from '@sous/runtime';
import { tokenLogProbs } from '../src/token-log-probs.js';
import { whenAvailable } from '../../../tools/test/prerequisites.js';

const rng = new Rng('token-log-probs');
const VOCAB = 11;
const table = Array.from({ length: VOCAB }, () => Array.from({ length: VOCAB }, () => 3 * rng.normal()));
const tokens = Array.from({ length: 5 }, () => Array.from({ length: 9 }, () => rng.int(VOCAB)));
const weights = tokens.map((row) => row.slice(1).map(() => rng.normal()));

/** log p(tokens[b, t+1] | tokens[b, t]) in float64 from the bigram table (at `temperature`). */
function reference(temperature: number): number[][] {
  return tokens.map((row) =>
    row.slice(1).map((next, t) => {
      const logits = table[row[t]].map((v) => v / temperature);
      const max = Math.max(...logits);
      const logSum = Math.log(logits.reduce((s, v) => s + Math.exp(v - max), 0));
      return logits[next] - max - logSum;
    }),
  );
}

/** tokenLogProbs and the gradient of Σ weights·logp with respect to the table, on `backend`. */
async function run(backend: string, temperature: number): Promise<{ logp: number[]; grad: number[]; fused: boolean }> {
  await selectBackend(backend);
  const model = new BigramModel(table);
  const scaled = Object.assign(Object.create(model) as BigramModel, {
    logits: (t: tf.Tensor2D) => tf.div(model.logits(t), temperature) as tf.Tensor3D,
  });
  try {
    const input = tf.tensor2d(tokens, undefined, 'int32');
    const logp = tf.tidy(() => Array.from(tokenLogProbs(scaled, input).dataSync()));
    const { grads, value } = tf.variableGrads(
      () => tf.sum(tf.mul(tokenLogProbs(scaled, input), tf.tensor2d(weights))) as tf.Scalar,
      [model.table],
    );
    const grad = Array.from(grads[model.table.name].dataSync());
    tf.dispose([input, value, grads[model.table.name]]);
    return { logp, grad, fused: fusedKernelAvailable(FUSED_KERNELS.tokenLogProb) };
  } finally {
    model.dispose();
  }
}

function assertClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  actual.forEach((v, i) => {
    if (!(Math.abs(v - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i]))))
      assert.unreachable(`${what}[${i}]: ${v} vs ${expected[i]}`);
  });
}

const native = (await probeBackends()).find((b) => b.name === 'native')!;
whenAvailable(test, native.available ? undefined : `the native backend (${native.reason})`, (test) => {
  test('tokenLogProbs: the fused native kernels give the one-hot form’s values and gradients', async () => {
    try {
      for (const temperature of [1, 0.7]) {
        const cpu = await run('cpu', temperature);
        const fused = await run('native', temperature);
        assert.ok(fused.fused && !cpu.fused, 'native runs the fused kernel, cpu the one-hot form');
        assertClose(cpu.logp, reference(temperature).flat(), 1e-5, `cpu logp at ${temperature}`);
        assertClose(fused.logp, reference(temperature).flat(), 1e-5, `native logp at ${temperature}`);
        assertClose(fused.grad, cpu.grad, 1e-5, `gradient at ${temperature}`);
      }
    } finally {
      await selectBackend('cpu');
    }
  });
});

test.run();
