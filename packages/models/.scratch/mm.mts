import { tf } from '@sous/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
await tf.setBackend('wasm'); await tf.ready();
function time(name: string, f: () => tf.Tensor, n = 5) {
  f().dispose();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) { const r = f(); r.dataSync(); r.dispose(); }
  console.log(name.padEnd(40), ((performance.now() - t0) / n).toFixed(2), 'ms');
}
const x = tf.randomNormal([6144, 512]), dy = tf.randomNormal([6144, 128]), w = tf.randomNormal([128, 512]);
time('dy@w plain [6144,128]@[128,512]', () => tf.matMul(dy, w));
time('dy@wT? transB  x[6144,512]@w[128,512]^T', () => tf.matMul(x, w, false, true));
time('fused transB', () => tf.fused.matMul({ a: x, b: w, transposeB: true }));
time('transpose x', () => tf.transpose(x));
time('transpose dy', () => tf.transpose(dy));
time('xT@dy via transposeA', () => tf.matMul(x, dy, true, false));
time('xT@dy explicit', () => tf.tidy(() => tf.matMul(tf.transpose(x), dy)));
time('dyT@x explicit', () => tf.tidy(() => tf.matMul(tf.transpose(dy), x)));
const ones = tf.ones([1, 6144]);
time('sum axis0', () => tf.sum(x, 0));
time('ones@x', () => tf.matMul(ones, x));
const big = tf.randomNormal([6144, 384]);
time('split 3', () => { const p = tf.split(big, 3, 1); p[1].dispose(); p[2].dispose(); return p[0]; });
time('slice col', () => tf.slice(big, [0, 128], [6144, 128]));
time('reshape+transpose [B,T,3,H,hd]->[3,B,H,T,hd]', () => tf.transpose(tf.reshape(big, [128, 48, 3, 4, 32]), [2, 0, 3, 1, 4]));
time('transpose [B,T,H,hd]->[B,H,T,hd]', () => tf.transpose(tf.reshape(dy, [128, 48, 4, 32]), [0, 2, 1, 3]));
time('transpose [B,T,H,hd]->[B,H,hd,T]', () => tf.transpose(tf.reshape(dy, [128, 48, 4, 32]), [0, 2, 3, 1]));
time('add', () => tf.add(x, x));
time('mul scalar', () => tf.mul(x, 0.5));
time('erf', () => tf.erf(x));
time('identity/clone', () => tf.clone(x));
