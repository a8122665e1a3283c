// `sous report DIR`: rebuilds DIR/report.html from the run folder (the trainer writes it at each
// checkpoint and at the end; this redoes it, e.g. after a crash or an upgrade).
import type { Command } from 'commander';
import { writeReport } from '@sous/report';
import { reportFailure } from '../failure.js';
import { EXIT } from '../exit-codes.js';

/** Prints skipped lines and left-out parts, one `warning:` line each. */
export function printWarnings(warnings: string[]): void {
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
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
