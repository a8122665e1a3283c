import { tf } from '@sous/core';
import { selectBackend } from '@sous/runtime';
await selectBackend('native');
for (const [m, k, n] of [[128,128,128],[256,128,128],[128,128,384],[512,128,128],[256,256,256],[1024,128,128],[128,128,512],[6144,128,128],[6144,128,384],[2000,128,128]]) {
  const a = tf.randomNormal([m, k]), b = tf.randomNormal([k, n]);
  const iters = Math.max(20, Math.round(3e9 / (m*n*k*2) ));
  for (let i = 0; i < 20; i++) tf.tidy(() => { tf.matMul(a, b); });
  const t = performance.now();
  for (let i = 0; i < iters; i++) tf.tidy(() => { tf.matMul(a, b); });
  const us = (performance.now() - t) / iters * 1000;
  console.log(`${m}x${k}x${n} work 2^${Math.log2(m*n*k).toFixed(1)} ${us.toFixed(1)} us ${(2*m*n*k/us/1e3).toFixed(1)} GFLOP/s`);
}
const c = tf.randomNormal([2000,128]);
for (const n of [1<<12, 1<<14, 1<<15, 1<<16, 1<<17, 1<<18, 1<<20]) {
  const x = tf.randomNormal([n]);
  const iters = 2000;
  for (let i = 0; i < 200; i++) tf.tidy(() => { tf.mul(x, x); });
  const t = performance.now();
  for (let i = 0; i < iters; i++) tf.tidy(() => { tf.mul(x, x); });
  console.log(`mul n=2^${Math.log2(n)} ${((performance.now() - t) / iters * 1000).toFixed(1)} us`);
}
