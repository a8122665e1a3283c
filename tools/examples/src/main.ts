// `npm run examples`: runs every example recipe (or --only some) at its recorded seeds with
// `sous run`, reads each run's metrics.jsonl and checks the claims in examples/claims.json.
// Exit codes: 0 every claim as recorded, 1 a claim failed or a run failed, 2 bad flags or data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  DataError,
  readClaims,
  writeClaims,
  type Example,
  type Measured,
  describeExpected,
  describeMeasured,
  describeQuantity,
  judgeExample,
  spread,
  toleranceFromSpread,
} from '@sous/cli/claims';
import { markdownTable } from './markdown-table.js';
import { README_FILE, rewriteReadme } from './readme.js';
import { mergeEvals, repositoryRoot, runExample, type SeedRun } from './run-example.js';

export const CLAIMS_FILE = path.join(repositoryRoot, 'examples/claims.json');

interface Flags {
  only: string[];
  seeds?: number;
  steps?: number;
  backend?: string;
  eval: boolean;
  update?: boolean;
  readme?: boolean;
  json?: boolean;
  out?: string;
  claims: string;
}

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1)
      throw new InvalidArgumentError(`${flag} takes an integer ≥ 1, not "${value}".`);
    return Number(value);
  };
}

const collectNames = (value: string, previous: string[]) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function buildProgram(): Command {
  return new Command('examples')
    .description('Run the example recipes over their recorded seeds and check their claims (examples/claims.json).')
    .option('--only <names>', 'run only these examples (repeatable, or a comma list)', collectNames, [])
    .option(
      '--seeds <n>',
      "the first N of each example's recorded seeds (default: all of them)",
      positiveInteger('--seeds'),
    )
    .option(
      '--steps <n>',
      'smoke run: cap every stage at N steps, compare nothing, require a clean exit and a metrics file',
      positiveInteger('--steps'),
    )
    .option('--backend <name>', 'tensor backend for `sous run` (default: its own choice)')
    .option('--no-eval', 'pass --no-eval to `sous run` (with --steps: a smoke run of the training steps alone)')
    .option(
      '--update',
      "record the measured values (and the means' tolerances and verdicts) in the claims file and README",
    )
    .option('--readme', 'rewrite the generated sections of examples/README.md from the claims file; run nothing')
    .option('--json', 'print the results as JSON')
    .option('--out <dir>', 'where the run folders go (default: a new temporary folder)')
    .addOption(new Option('--claims <file>', 'the claims file').default(CLAIMS_FILE).hideHelp())
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`${text.trimEnd()} (see \`npm run examples -- --help\`)\n`),
    });
}

/** Everything one example's runs gave, with each claim's verdict. */
export interface ExampleResult {
  name: string;
  seeds: number[];
  runs: SeedRun[];
  claims: ReturnType<typeof judgeExample>;
}

export function main(argv: string[]): number {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  try {
    return execute(program.opts<Flags>());
  } catch (error) {
    if (error instanceof DataError) return usage(error.message);
    throw error;
  }
}

function execute(flags: Flags): number {
  const claims = readClaims(flags.claims);
  if (flags.readme) {
    rewriteReadme(README_FILE, claims);
    console.log(`rewrote the generated sections of ${path.relative(process.cwd(), README_FILE)}`);
    return 0;
  }
  if (flags.update && (flags.steps !== undefined || !flags.eval))
    return usage('--update records full runs; it cannot be combined with --steps or --no-eval');
  const known = claims.examples.map((e) => e.name);
  const unknown = flags.only.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    return usage(
      `--only: no example named ${unknown.map((n) => `"${n}"`).join(', ')} in ${flags.claims} (known: ${known.join(', ')})`,
    );
  // In the order --only names them (the claims file's order otherwise).
  const selected =
    flags.only.length > 0
      ? [...new Set(flags.only)].map((name) => claims.examples.find((e) => e.name === name)!)
      : claims.examples;
  const out = flags.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sous-examples-'));
  if (!flags.json) console.error(`run folders: ${out}`);

  const smoke = flags.steps !== undefined || !flags.eval;
  const results: ExampleResult[] = [];
  for (const example of selected) {
    const seeds = example.seeds.slice(0, flags.seeds ?? example.seeds.length);
    const runs: SeedRun[] = [];
    for (const seed of seeds) {
      if (!flags.json) console.error(`${example.name} seed ${seed} ...`);
      const run = runExample(example.name, seed, {
        out,
        backend: flags.backend,
        steps: flags.steps,
        evals: flags.eval,
      });
      runs.push(run);
      if (!flags.json)
        console.error(
          `  ${run.exitCode === 0 ? 'done' : `FAILED (exit ${run.exitCode}): ${run.error}`} in ${run.wallSeconds.toFixed(1)} s`,
        );
    }
    const complete = runs.every((run) => run.exitCode === 0);
    const evals = complete && !smoke ? mergeEvals(runs) : undefined;
    if (flags.update && evals) {
      recordMeasurement(example, {
        date: new Date().toISOString().slice(0, 10),
        backend: backendOf(runs[0]),
        seeds: runs.map((run) => run.seed),
        wall_s: runs.map((run) => Number(run.wallSeconds.toFixed(1))),
        evals,
      });
      writeClaims(flags.claims, claims); // after every example, so a long run keeps what it measured
      if (flags.claims === CLAIMS_FILE) rewriteReadme(README_FILE, claims);
    }
    // Judged after an --update has recorded the expectations, so its table shows them met.
    results.push({ name: example.name, seeds, runs, claims: judgeExample(example, evals, seeds.length) });
  }

  const failed = results.some(
    (r) =>
      r.runs.some((run) => run.exitCode !== 0 || run.records === 0) ||
      (!smoke && r.claims.some((c) => c.status === 'FAIL' || c.status === 'CHANGED')),
  );
  if (flags.json)
    console.log(
      JSON.stringify(
        results.map(({ runs, ...rest }) => ({ ...rest, runs: runs.map(({ log, ...run }) => run) })),
        null,
        2,
      ),
    );
  else console.log(smoke ? smokeTable(results) : claimsTable(results));
  return failed ? 1 : 0;
}

/** The backend the run used, from its run.json. */
function backendOf(run: SeedRun): string {
  return (JSON.parse(fs.readFileSync(path.join(run.runDir, 'run.json'), 'utf8')) as { backend: string }).backend;
}

function usage(message: string): number {
  console.error(`examples: ${message}`);
  return 2;
}

/** Writes a measurement into the example's data: the values, each mean claim's expectation and
 * tolerance, and each claim's verdict (a changed verdict is printed). */
export function recordMeasurement(example: Example, measured: Measured): void {
  example.measured = measured;
  for (const { claim, values, judgement } of judgeExample(example, measured.evals, measured.seeds.length)) {
    if (!values) continue;
    if (claim.form === 'mean') {
      claim.expected = Number(spread(values).mean.toPrecision(4));
      claim.tolerance = toleranceFromSpread(values);
    } else if (judgement.holds !== undefined) {
      const verdict = judgement.holds ? 'holds' : 'not reproduced';
      if (verdict !== claim.expect)
        console.error(`${example.name}: "${claim.text}" was recorded as ${claim.expect}, measured: ${verdict}`);
      claim.expect = verdict;
    }
  }
}

const seconds = (runs: SeedRun[]) => `${runs.reduce((sum, run) => sum + run.wallSeconds, 0).toFixed(0)} s`;

function claimsTable(results: ExampleResult[]): string {
  const rows = results.flatMap((result) => {
    const runFailure = result.runs.find((run) => run.exitCode !== 0);
    return result.claims.map((c) => [
      result.name,
      `${c.claim.text} [${describeQuantity(c.claim)}]`,
      describeExpected(c.claim, c.recordedSeeds),
      c.values
        ? describeMeasured(c.values)
        : runFailure
          ? `run failed at seed ${runFailure.seed}: ${runFailure.error}`
          : c.judgement.detail,
      runFailure ? 'FAIL' : c.status,
      seconds(result.runs),
    ]);
  });
  return markdownTable(['example', 'claim', 'expected', 'measured (mean ± sd, per seed)', 'result', 'wall'], rows);
}

function smokeTable(results: ExampleResult[]): string {
  const rows = results.flatMap((result) =>
    result.runs.map((run) => [
      result.name,
      String(run.seed),
      run.exitCode === 0 ? 'ok' : `exit ${run.exitCode}: ${run.error}`,
      String(run.records),
      run.records > 0 ? 'yes' : 'NO',
      `${run.wallSeconds.toFixed(1)} s`,
    ]),
  );
  return markdownTable(['example', 'seed', 'exit', 'metrics records', 'metrics file', 'wall'], rows);
}
