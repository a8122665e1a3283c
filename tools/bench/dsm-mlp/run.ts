// `npm run bench -- --workload dsm-mlp`: one training step of examples/diffusion-mixture.recipe's
// denoiser (batch 256) and one 200-step DDPM run of 2,000 points, PyTorch (reference.py, three
// configurations) against sous (dsm-mlp.recipe through the runtime, on the default backend and
// on plain wasm), each in its own process, with the same table as the GRPO workloads (rates are
// points per second: rows of a batch, points through a sampling run). Plain TensorFlow.js has no
// row here: sous's MLP is already plain tfjs ops (its kit's `linear` aside).
//   npm run bench -- --workload dsm-mlp [--json] [--rounds 3] [--only sous,torch]
//   npm run bench -- --workload dsm-mlp --check     loss and gradients: sous against PyTorch
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { selectBackend } from '@sous/runtime';
import { log, nodeRow, optionalRow, torchRows } from '../rows.js';
import { formatRounds, formatTable, medianOverRounds, trainGflops } from '../grpo/table.js';
import type { Row } from '../grpo/timing.js';
import { CHECK_TOLERANCE, compareWithPyTorch } from './check.js';
import { BATCH, mlpForwardFlops } from './workload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REFERENCE = path.join(here, 'reference.py');
const MEASURE = path.join(here, 'measure-sous.ts');
const IMPLEMENTATIONS = ['torch', 'sous'] as const;
async function check(): Promise<number> {
  await selectBackend();
  const rows = compareWithPyTorch();
  for (const { label, sous, pytorch, relative } of rows)
    console.log(
      `${label.padEnd(24)} sous ${sous.toExponential(7).padStart(15)}  PyTorch ${pytorch.toExponential(7).padStart(15)}  rel ${relative.toExponential(1)}${relative <= CHECK_TOLERANCE ? '' : '  DIFFERS'}`,
    );
  const failed = rows.filter((row) => !(row.relative <= CHECK_TOLERANCE)).length;
  console.log(
    failed === 0
      ? `check passed (dsm-mlp): the loss and ${rows.length - 1} gradient norms agree to ${CHECK_TOLERANCE} relative`
      : 'check FAILED',
  );
  return failed === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      only: { type: 'string', default: IMPLEMENTATIONS.join(',') },
      rounds: { type: 'string', default: '1' },
    },
  });
  if (values.check) return check();
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds: expected a positive integer, found "${values.rounds}"`);
  const only = new Set(values.only!.split(','));
  const perRound: Row[][] = [];
  const notes = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    if (rounds > 1) log(`round ${round + 1} of ${rounds}`);
    const rows: Row[] = only.has('torch') ? torchRows([], REFERENCE) : [];
    if (only.has('sous')) {
      const main = nodeRow(MEASURE, []);
      rows.push(main);
      // sous on plain wasm is far behind: measured in the first round only, as for grpo.
      const wasm =
        main.backend === 'wasm' || round > 0
          ? []
          : optionalRow('sous on wasm', () => nodeRow(MEASURE, ['--backend', 'wasm'], { quiet: true }), notes);
      for (const row of wasm) rows.push(row);
    }
    perRound.push(rows);
  }
  const rows = medianOverRounds(perRound);
  // A training step: forward, and a backward of twice its products.
  const flops = 3 * mlpForwardFlops(BATCH);
  if (values.json) {
    console.log(
      JSON.stringify(
        rows.map((row) => ({
          workload: 'dsm-mlp',
          implementation: row.implementation,
          backend: row.backend,
          threads: row.threads,
          sample_points_s: row.sample_tok_s,
          train_points_s: row.train_tok_s,
          ms_per_step: row.ms_per_step,
          sample_ms: row.sample_ms,
          train_gflops: trainGflops(row, flops),
          peak_rss_mb: row.peak_rss_mb,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  console.log('dsm-mlp: "tok/s" columns are points per second (training rows; sampled points, 200 steps each)\n');
  if (rounds > 1) console.log(`medians over ${rounds} rounds (sous on wasm: the first round only):\n`);
  console.log(formatTable(rows, flops));
  for (const note of notes) console.log(note);
  if (rounds > 1) console.log(`\n${formatRounds(perRound)}`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
