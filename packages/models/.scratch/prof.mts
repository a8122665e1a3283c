import { tf, Rng } from '@sous/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GptModel, gptConfig } from '../src/index.js';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
await tf.setBackend('wasm'); await tf.ready();
const m = GptModel.create(gptConfig('grpo-tiny'), new Rng('x'));
const rng = new Rng('t');
const toks = tf.tensor2d(Int32Array.from({ length: 128 * 48 }, () => rng.int(64)), [128, 48], 'int32');
const w = tf.randomNormal([128, 48, 64]);
function step() {
  const g = tf.variableGrads(() => tf.sum(tf.mul(m.logits(toks), w)) as tf.Scalar);
  g.value.dataSync(); g.value.dispose(); Object.values(g.grads).forEach((t) => t.dispose());
}
step();
const info = await tf.profile(() => { step(); });
const by = new Map<string, [number, number]>();
for (const k of info.kernels) { const e = by.get(k.name) ?? [0, 0]; e[0] += k.kernelTimeMs as number; e[1]++; by.set(k.name, e); }
const total = [...by.values()].reduce((a, b) => a + b[0], 0);
console.log('total kernel ms', total.toFixed(0), 'kernels', info.kernels.length);
for (const [k, [t, n]] of [...by].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) console.log(k.padEnd(20), t.toFixed(1), n);
const det = new Map<string, [number, number]>();
for (const k of info.kernels) {
  if (!['BatchMatMul', 'Sum', 'Transpose', 'SplitV', 'Multiply', 'Identity'].includes(k.name)) continue;
  const key = k.name + ' ' + JSON.stringify(k.inputShapes) + '->' + JSON.stringify(k.outputShapes);
  const e = det.get(key) ?? [0, 0]; e[0] += k.kernelTimeMs as number; e[1]++; det.set(key, e);
}
for (const [k, [t, n]] of [...det].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log(t.toFixed(1).padStart(7), n, k);
