import { tf } from '@sous/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
await tf.setBackend('wasm'); await tf.ready();
const results: Record<string, number[]> = {};
function time(name: string, f: () => tf.Tensor) {
  const t0 = performance.now();
  const r = f(); r.dataSync(); r.dispose();
  (results[name] ??= []).push(performance.now() - t0);
}
const BH = 512, T = 48, hd = 32;
const q = tf.randomNormal([BH, T, hd]), kT = tf.randomNormal([BH, hd, T]);
const ones = tf.ones([1, 6144]); const x = tf.randomNormal([6144, 128]);
for (let rep = 0; rep < 6; rep++) {
  time('batched', () => tf.matMul(q, kT));
  time('loop unstack+stack', () => tf.tidy(() => { const a = tf.unstack(q), b = tf.unstack(kT); return tf.stack(a.map((ai, i) => tf.matMul(ai as tf.Tensor2D, b[i] as tf.Tensor2D))); }));
  time('loop slice+concat', () => tf.tidy(() => { const outs = []; for (let i = 0; i < BH; i++) outs.push(tf.matMul(tf.reshape(tf.slice(q, [i, 0, 0], [1, T, hd]), [T, hd]), tf.reshape(tf.slice(kT, [i, 0, 0], [1, hd, T]), [hd, T]))); return tf.stack(outs); }));
  time('grouped 8', () => tf.tidy(() => { const a = tf.split(q, 64), b = tf.split(kT, 64); return tf.concat(a.map((ai, i) => tf.matMul(ai, b[i]))); }));
  time('ones@x', () => tf.matMul(ones, x));
  time('sum0', () => tf.sum(x, 0));
}
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(22), v.map((t) => t.toFixed(1)).join(' '));
