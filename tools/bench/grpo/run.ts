// `npm run bench`: the GRPO benchmarks (shared/bench/grpo-tiny.md, grpo-small.md; `--workload`,
// grpo-tiny by default). Runs the PyTorch
// reference (1 thread; 2 threads with OMP_WAIT_POLICY=PASSIVE; 2 threads by default), the plain
// TensorFlow.js script and the sous recipe (on the default backend, and on plain wasm), one after
// the other, each in its own process, and prints one table with each row's ratio to the fastest
// PyTorch configuration per phase, then the sous profile. PyTorch and sous both run over OpenBLAS
// in the same environment (benchEnv); where this shell sets OPENBLAS_CORETYPE, one more sous row
// shows what that setting costs.
// With --rounds N the PyTorch and sous rows are measured N times, alternating, and the table
// shows each row's median over the rounds, then every round's own ratios: on a shared machine
// the speed drifts over minutes, and a ratio is fairest between runs close in time.
//   npm run bench [-- --workload grpo-small] [-- --json] [-- --only sous,torch] [-- --budget-s 150] [-- --kernels] [-- --rounds 3]
//   npm run bench -- [--workload grpo-small] --check [--steps 5]     the check batch: sous against PyTorch, per step
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPasses, disagreements, type CheckStep } from './agreement.js';
import { log, nodeRow, optionalRow, torchRows } from '../rows.js';
import { runReference } from './reference.js';
import { formatScaling, measureScaling, SCALING_WIDTHS } from './scaling.js';
import { sousCheck } from './sous.js';
import { formatProfile, formatRounds, formatTable, medianOverRounds, trainGflops } from './table.js';
import type { Row } from './timing.js';
import { CHECK_STEPS, type Workload, trainStepFlops, workloadNamed } from './workload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const IMPLEMENTATIONS = ['torch', 'plain', 'sous'] as const;

/** The flags that name a workload at its width to the measuring processes. */
const workloadArgs = (w: Workload) => ['--workload', w.name, '--d-model', String(w.dModel)];

/** The sous rows: the default backend (or --backend), plain wasm when that is another backend (in
 * the first round only: it is far behind and slow to time), and the default again in this shell's
 * own environment when it sets OPENBLAS_CORETYPE. */
function sousRows(
  w: Workload,
  backend: string | undefined,
  firstRound: boolean,
  kernels: boolean,
  notes: Set<string>,
): Row[] {
  const workload = workloadArgs(w);
  const main = nodeRow(path.join(here, 'measure-sous.ts'), [
    ...workload,
    ...(backend ? ['--backend', backend] : []),
    ...(kernels ? ['--kernels'] : []),
  ]);
  const rows = [
    main,
    ...(main.backend === 'wasm' || !firstRound
      ? []
      : optionalRow(
          'sous on wasm',
          () => nodeRow(path.join(here, 'measure-sous.ts'), [...workload, '--backend', 'wasm'], { quiet: true }),
          notes,
        )),
  ];
  const coreType = process.env.OPENBLAS_CORETYPE;
  if (main.backend === 'native' && coreType) {
    rows.push(
      nodeRow(path.join(here, 'measure-sous.ts'), [...workload, '--backend', 'native'], {
        env: process.env,
        label: `OPENBLAS_CORETYPE=${coreType} as set here`,
      }),
    );
  }
  return rows;
}

async function check(w: Workload, steps: number): Promise<number> {
  const reference = runReference(['--workload', w.name, '--check', '--steps', String(steps)]) as CheckStep[];
  const ours = await sousCheck(steps, undefined, w);
  const format = (x: number) => x.toExponential(7).padStart(15);
  console.log('step | loss (sous)     loss (PyTorch) | mean logp (sous) (PyTorch)       | mean kl (sous)  (PyTorch)');
  ours.forEach((s, i) => {
    const r = reference[i];
    console.log(
      `${String(i).padStart(4)} | ${format(s.loss)} ${format(r.loss)} | ${format(s.mean_logp)} ${format(r.mean_logp)} | ${format(s.mean_kl)} ${format(r.mean_kl)}`,
    );
  });
  const bad = disagreements(ours, reference);
  for (const d of bad)
    console.log(`step ${d.step}: ${d.key} ${d.ours} differs from PyTorch's ${d.reference} by more than 1e-5 relative`);
  const falling = checkPasses(ours) && checkPasses(reference);
  if (!falling) console.log('the loss is not finite and strictly decreasing in both runs');
  console.log(
    bad.length === 0 && falling
      ? `check passed (${w.name}): sous agrees with PyTorch to 1e-5 relative over ${steps} steps`
      : 'check FAILED',
  );
  return bad.length === 0 && falling ? 0 : 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: 'grpo-tiny' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      steps: { type: 'string', default: String(CHECK_STEPS) },
      only: { type: 'string', default: IMPLEMENTATIONS.join(',') },
      'budget-s': { type: 'string', default: '150' },
      backend: { type: 'string' },
      kernels: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '1' },
      scaling: { type: 'boolean', default: false },
      'd-model': { type: 'string' },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds: expected a positive integer, found "${values.rounds}"`);
  const w = workloadNamed(values.workload!, values['d-model']);
  if (values.check && values['d-model'] !== undefined)
    throw new Error("--d-model: the check batch is defined at the workload's own width; drop --d-model with --check");
  if (values.check) return check(w, Number(values.steps));
  if (values.scaling) {
    console.log(
      `${w.name} at d_model ${SCALING_WIDTHS.join(', ')}: best PyTorch configuration per phase against sous\n`,
    );
    console.log(formatScaling(measureScaling(w, values.backend)));
    return 0;
  }
  const only = new Set(values.only!.split(','));
  const unknown = [...only].filter((name) => !(IMPLEMENTATIONS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`--only: unknown implementation ${unknown.join(', ')}; choose from ${IMPLEMENTATIONS.join(', ')}`);
  // plain tfjs runs on TensorFlow.js's own backends only (not sous's native one).
  const plainArgs = [
    ...workloadArgs(w),
    ...(values.backend && values.backend !== 'native' ? ['--backend', values.backend] : []),
  ];
  // plain tfjs (and sous on plain wasm) are far behind and slow to time: they run in the first round only.
  const perRound: Row[][] = [];
  const notes = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    if (rounds > 1) log(`round ${round + 1} of ${rounds}`);
    perRound.push([
      ...(only.has('torch') ? torchRows(workloadArgs(w)) : []),
      ...(only.has('plain') && round === 0
        ? optionalRow(
            'plain tfjs',
            () =>
              nodeRow(path.join(here, 'plain-tfjs.ts'), ['--budget-s', values['budget-s']!, ...plainArgs], {
                quiet: true,
              }),
            notes,
          )
        : []),
      ...(only.has('sous') ? sousRows(w, values.backend, round === 0, values.kernels! && round === 0, notes) : []),
    ]);
  }
  const rows = medianOverRounds(perRound);
  const flops = trainStepFlops(w);
  if (values.json) {
    console.log(
      JSON.stringify(
        rows.map((row) => ({
          workload: w.name,
          implementation: row.implementation,
          backend: row.backend,
          threads: row.threads,
          sample_tok_s: row.sample_tok_s,
          train_tok_s: row.train_tok_s,
          ms_per_step: row.ms_per_step,
          train_gflops: trainGflops(row, flops),
          peak_rss_mb: row.peak_rss_mb,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  console.log(`${w.name}: one training step is ${(flops / 1e9).toFixed(1)} GFLOP (matrix products)\n`);
  if (rounds > 1)
    console.log(
      `medians over ${rounds} rounds (${only.has('plain') ? 'plain tfjs and ' : ''}sous on wasm: the first round only):\n`,
    );
  console.log(formatTable(rows, flops));
  for (const note of notes) console.log(note);
  if (rounds > 1) console.log(`\n${formatRounds(perRound)}`);
  for (const row of rows.filter((r) => r.profile)) {
    console.log(
      `\n${row.implementation} on ${row.backend}, ms per step (timed steps' mean):\n${formatProfile(row.profile!)}`,
    );
    if (row.kernels)
      console.log(`\nkernels of one more step under tf.profile (ms):\n${formatProfile(row.kernels, 12)}`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
