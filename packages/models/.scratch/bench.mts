import { tf, Rng } from '@sous/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GptModel, gptConfig } from '../src/index.js';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
await tf.setBackend(process.argv[2] ?? 'wasm'); await tf.ready();
const m = GptModel.create(gptConfig('grpo-tiny'), new Rng('x'));
const rng = new Rng('t');
const toks = tf.tensor2d(Int32Array.from({ length: 128 * 48 }, () => rng.int(64)), [128, 48], 'int32');
const w = tf.randomNormal([128, 48, 64]);
function step() {
  const g = tf.variableGrads(() => tf.sum(tf.mul(m.logits(toks), w)) as tf.Scalar);
  g.value.dataSync(); g.value.dispose(); Object.values(g.grads).forEach((t) => t.dispose());
}
function fwd() { tf.tidy(() => { m.logits(toks).dataSync(); }); }
for (const [name, f] of [['fwd', fwd], ['fwd+bwd', step]] as const) {
  f();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); f(); times.push(performance.now() - t0); }
  console.log(name, times.map((t) => t.toFixed(0)).join(' '), 'ms');
}
// sampling-like decode: prefill 16 then 31 single steps
function sample() {
  const c = m.newCache(128);
  tf.tidy(() => {
    let l = m.decode(tf.slice(toks, [0, 0], [128, 16]), c);
    for (let i = 0; i < 31; i++) { l = m.decode(tf.slice(toks, [0, 16 + i], [128, 1]), c); }
    l.dataSync();
  });
  c.dispose();
}
sample();
const t0 = performance.now(); sample(); console.log('sample 128x32', (performance.now() - t0).toFixed(0), 'ms');
console.log('tensors', tf.memory().numTensors);
