// The machine's peak: `npm run bench -- --probe` times square float32 matrix products (n = 1024
// and 2048) on sous's default backend and in PyTorch (1 and 2 threads), each the median of 5
// after 2 warm-ups, and prints GFLOP/s: the ceiling a training step's "achieved GFLOP/s" is read
// against.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tf } from '@sous/core';
import { selectBackend } from '@sous/runtime';
import { runReference } from './grpo/reference.js';
import { RUNS, WARMUP, median } from './grpo/timing.js';

const SIZES = [1024, 2048];
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probe.py');

function sousGflops(n: number): number {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    if (i >= WARMUP) times.push(performance.now() - start);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / (median(times) / 1000) / 1e9;
}

const backend = await selectBackend();
const lines: string[] = [];
for (const n of SIZES) {
  lines.push(`sous (${backend.name})          n ${n}: ${sousGflops(n).toFixed(1)} GFLOP/s`);
  for (const threads of [1, 2]) {
    const out = runReference(['--n', String(n), '--threads', String(threads)], 'PASSIVE', { script: SCRIPT }) as {
      gflops: number;
    };
    lines.push(`PyTorch, ${threads} thread(s)     n ${n}: ${out.gflops.toFixed(1)} GFLOP/s`);
  }
}
console.log(`float32 matrix products, median of ${RUNS} after ${WARMUP} warm-ups:\n${lines.join('\n')}`);
