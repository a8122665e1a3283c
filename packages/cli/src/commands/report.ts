// `sous report DIR`: rebuilds DIR/report.html from the run folder (the trainer writes it at each
// checkpoint and at the end; this redoes it, e.g. after a crash or an upgrade). Also home of the
// failure printing the report commands (report, compare, serve) share.
import type { Command } from 'commander';
import { formatSousError, SousError, writeReport } from '@sous/core';
import { EXIT } from '../program.js';

/** Prints skipped lines and left-out parts, one `warning:` line each. */
export function printWarnings(warnings: string[]): void {
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
}

/** One paragraph on stderr (a stack only with --debug); returns the exit code for failures. */
export function reportFailure(command: string, error: unknown, debug: boolean | undefined): number {
  if (error instanceof SousError) process.stderr.write(`${formatSousError(error)}\n`);
  else process.stderr.write(`sous ${command}: internal error: ${error instanceof Error ? error.message : String(error)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT.failure;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('rebuild report.html in a run folder (charts of metrics.jsonl, the compiled graph, the recipe)')
    .argument('<dir>', 'the run folder, e.g. runs/grpo-arithmetic-20250101-120000')
    .option('--debug', 'print stack traces of failures')
    .action(async (dir: string, flags: { debug?: boolean }) => {
      try {
        const { file, warnings } = await writeReport(dir);
        printWarnings(warnings);
        process.stdout.write(`wrote ${file}\n`);
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure('report', error, flags.debug);
      }
    });
}
