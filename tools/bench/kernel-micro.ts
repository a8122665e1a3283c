// Microbenchmark of single ops: µs per call (the op through tfjs's engine, kernel included) on
// plain wasm and on native, the fastest of 5 interleaved rounds of 2,000 calls. The cases are the
// small elementwise ops of a dsm-mlp step (tools/bench/dsm-mlp/step-profile.ts --kernels) and a few
// larger ones; it shows which native kernels pay.
//   node --conditions=source --import tsx tools/bench/kernel-micro.ts
import { tf } from '@sous/core';
import { selectBackend } from '@sous/runtime';

type Case = [string, () => tf.Tensor[], (xs: tf.Tensor[]) => tf.Tensor];
const r = (s: number[]) => () => tf.randomNormal(s);
const cases: Case[] = [
  ['mul [256,1]x[256,2]', () => [r([256, 1])(), r([256, 2])()], ([a, b]) => tf.mul(a, b)],
  ['mul [256,2]x[]', () => [r([256, 2])(), tf.scalar(3)], ([a, b]) => tf.mul(a, b)],
  ['mul [256,1]x[1,8]', () => [r([256, 1])(), r([1, 8])()], ([a, b]) => tf.mul(a, b)],
  ['add [256,128]x[256,128]', () => [r([256, 128])(), r([256, 128])()], ([a, b]) => tf.add(a, b)],
  ['add [256,128]x[128]', () => [r([256, 128])(), r([128])()], ([a, b]) => tf.add(a, b)],
  ['div [256,2]x[256,1]', () => [r([256, 2])(), r([256, 1])()], ([a, b]) => tf.div(a, b)],
  ['div [128,128]x[]', () => [r([128, 128])(), tf.scalar(3)], ([a, b]) => tf.div(a, b)],
  ['sub [][256,128]', () => [tf.scalar(1), r([256, 128])()], ([a, b]) => tf.sub(a, b)],
  ['concat dsm', () => [r([256, 2])(), r([256, 1])(), r([256, 8])(), r([256, 8])()], (xs) => tf.concat(xs, 1)],
  ['sin [256,8]', () => [r([256, 8])()], ([a]) => tf.sin(a)],
  ['cos [256,8]', () => [r([256, 8])()], ([a]) => tf.cos(a)],
  ['sum all [128,128]', () => [r([128, 128])()], ([a]) => tf.sum(a)],
  ['sum all [19,128]', () => [r([19, 128])()], ([a]) => tf.sum(a)],
  ['sum axis0 [256,128]', () => [r([256, 128])()], ([a]) => tf.sum(a, 0)],
  ['sum axis1 [256,128]', () => [r([256, 128])()], ([a]) => tf.sum(a, 1)],
  ['sigmoid [256,128]', () => [r([256, 128])()], ([a]) => tf.sigmoid(a)],
  ['cast f32 [256,128]', () => [r([256, 128])()], ([a]) => tf.cast(a, 'float32')],
  ['mul [512,1024]x[1024]', () => [r([512, 1024])(), r([1024])()], ([a, b]) => tf.mul(a, b)],
];
const N = 2000,
  ROUNDS = 5;
const best: Record<string, Record<string, number>> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const be of ['wasm', 'native']) {
    await selectBackend(be);
    for (const [name, make, op] of cases) {
      const xs = make();
      for (let i = 0; i < 50; i++) op(xs).dispose();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i++) op(xs).dispose();
      const us = Number(process.hrtime.bigint() - t0) / 1e3 / N;
      tf.dispose(xs);
      best[name] ??= {};
      best[name][be] = Math.min(best[name][be] ?? Infinity, us);
    }
  }
}
for (const [name, b] of Object.entries(best))
  console.log(
    `${name.padEnd(26)} wasm ${b.wasm.toFixed(2).padStart(7)} µs  native ${b.native.toFixed(2).padStart(7)} µs  ×${(b.wasm / b.native).toFixed(2)}`,
  );
