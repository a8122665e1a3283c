// `sous run <recipe>`: check, compile and train a recipe into a run folder (see @sous/runtime
// runRecipe). Exit codes: 0 done, 1 recipe errors (rendered like `sous check`), 2 a runtime
// failure (one paragraph; the stack only with --debug) or an interruption.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BACKEND_NAMES, runRecipe } from '@sous/runtime';
import { writeReport } from '@sous/report';
import { reportFailure } from '../failure.js';
import { render } from '@sous/dsl';
import { EXIT } from '../exit-codes.js';
import { createProgressDisplay } from '../run-progress.js';

interface RunFlags {
  out?: string;
  seed?: number;
  backend?: string;
  steps?: number;
  eval: boolean;
  resume?: string;
  debug?: boolean;
}

function integerFlag(flag: string, min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < min) {
      throw new InvalidArgumentError(`${flag} takes an integer ≥ ${min}, not "${value}".`);
    }
    return number;
  };
}

export function register(program: Command): void {
  program
    .command('run')
    .description('train a recipe: writes metrics, checkpoints and a report to a run folder')
    .argument('<recipe>', 'the .recipe file to run')
    .option('--out <dir>', 'run folder to create (default: runs/<recipe>-<YYYYMMDD-HHMMSS>)')
    .option('--seed <n>', "override the recipe's seed", integerFlag('--seed', 0))
    .addOption(
      new Option('--backend <name>', 'tensor backend (default: $SOUS_BACKEND or the best available)').choices(
        BACKEND_NAMES,
      ),
    )
    .option('--steps <n>', 'cap every stage at N steps (a smoke run)', integerFlag('--steps', 1))
    .option('--no-eval', "skip the recipe's eval blocks (with --steps: a smoke run of the training steps alone)")
    .option('--resume <dir>', 'continue the run in DIR from its newest checkpoint')
    .option('--debug', 'print stack traces of failures')
    .action(async (recipe: string, flags: RunFlags) => {
      process.exitCode = await runCommand(recipe, flags);
    });
}

async function runCommand(recipe: string, flags: RunFlags): Promise<number> {
  const display = createProgressDisplay({
    tty: Boolean(process.stderr.isTTY),
    out: process.stdout,
    err: process.stderr,
  });
  // The first Ctrl-C stops after the current step (the last checkpoint stays resumable); a
  // second one quits at once.
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    display.log('stopping after this step (Ctrl-C again to quit now)');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const result = await runRecipe({
      file: recipe,
      out: flags.out,
      seed: flags.seed,
      backend: flags.backend,
      steps: flags.steps,
      evals: flags.eval,
      resume: flags.resume,
      onProgress: display.listener,
      signal: controller.signal,
      report: writeReport,
    });
    for (const diagnostic of result.diagnostics) process.stderr.write(`${render(diagnostic, result.source)}\n`);
    return result.ok ? EXIT.ok : EXIT.recipe;
  } catch (error) {
    display.stop();
    return reportFailure('run', error, flags.debug);
  } finally {
    display.stop();
    process.off('SIGINT', onInterrupt);
  }
}
