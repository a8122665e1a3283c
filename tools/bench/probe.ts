// The machine's peak: `npm run bench -- --probe` times square float32 matrix products (n = 1024
// and 2048) on sous's default backend and in PyTorch (1 and 2 threads), each the median of 5
// after 2 warm-ups, and prints GFLOP/s: the ceiling a training step's "achieved GFLOP/s" is read
// against. Both run in processes of their own with the same environment (benchEnv: OpenBLAS's
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset; a core type set in this shell would otherwise
// reach sous and not PyTorch), and each line says which OpenBLAS kernels ran. Only the product is
// timed on both sides: sous's CPU backends compute synchronously, so the result is complete when
// tf.matMul returns, and reading it back (a copy out of the wasm heap) is not part of it, as
// PyTorch's `a @ b` reads nothing back either.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tf } from '@sous/core';
import { nativeBackendInfo, selectBackend } from '@sous/runtime';
import { benchEnv, runReference } from './grpo/reference.js';
import { RUNS, WARMUP, median } from './grpo/timing.js';

const SIZES = [1024, 2048];
const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(here, 'probe.py');
const CHILD = '--probe-sous';

interface Probe {
  gflops: number;
  backend?: string;
  core?: string;
  threads?: number;
}

function sousGflops(n: number): number {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    if (i >= WARMUP) times.push(performance.now() - start);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / (median(times) / 1000) / 1e9;
}

/** The child process: sous's default backend at size n, one JSON line. */
async function child(n: number): Promise<void> {
  const backend = await selectBackend();
  const info = nativeBackendInfo();
  const probe: Probe = { gflops: sousGflops(n), backend: backend.name, core: info?.core, threads: info?.threads };
  console.log(JSON.stringify(probe));
}

const kernels = (p: Probe) =>
  p.core ? `, OpenBLAS ${p.core} kernels${p.threads ? ` on ${p.threads} thread(s)` : ''}` : '';

async function main(): Promise<void> {
  const lines: string[] = [];
  for (const n of SIZES) {
    const out = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), CHILD, String(n)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: benchEnv(),
      },
    );
    const sous = JSON.parse(out.trim().split('\n').pop()!) as Probe;
    lines.push(`sous (${sous.backend})          n ${n}: ${sous.gflops.toFixed(1)} GFLOP/s${kernels(sous)}`);
    for (const threads of [1, 2]) {
      const torch = runReference(['--n', String(n), '--threads', String(threads)], 'PASSIVE', {
        script: SCRIPT,
      }) as Probe;
      lines.push(`PyTorch, ${threads} thread(s)     n ${n}: ${torch.gflops.toFixed(1)} GFLOP/s${kernels(torch)}`);
    }
  }
  console.log(`float32 matrix products, median of ${RUNS} after ${WARMUP} warm-ups:\n${lines.join('\n')}`);
}

const at = process.argv.indexOf(CHILD);
if (at >= 0) await child(Number(process.argv[at + 1]));
else await main();
