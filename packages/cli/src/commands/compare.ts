// `sous compare DIR1 DIR2 ...`: one page overlaying the same metrics of several runs (GRPO
// against Dr. GRPO against NSR, say), one colour per run.
import type { Command } from 'commander';
import { writeComparison } from '@sous/report';
import { EXIT } from '../exit-codes.js';
import { reportFailure } from '../failure.js';
import { printWarnings } from './report.js';

export function register(program: Command): void {
  program
    .command('compare')
    .description('write one page that overlays the metrics of several runs')
    .argument('<dirs...>', 'two or more run folders')
    .option('-o, --out <file>', 'the page to write', 'compare.html')
    .option('--debug', 'print stack traces of failures')
    .action(async (dirs: string[], flags: { out: string; debug?: boolean }) => {
      try {
        const { file, warnings } = await writeComparison(dirs, flags.out);
        printWarnings(warnings);
        process.stdout.write(`wrote ${file} (${dirs.length} runs)\n`);
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure('compare', error, flags.debug);
      }
    });
}
