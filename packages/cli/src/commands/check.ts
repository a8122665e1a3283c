// `sous check <files...>`: checks recipes without running them. Diagnostics go to stderr,
// rendered with a caret under the problem; exit 1 when any is an error (warnings alone exit 0),
// 2 when a file cannot be read.
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { checkRecipeFile, guarded, printDiagnostics, type RegistryLoader } from '../recipe-input.js';
import { reportFailure } from '../failure.js';

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('check')
    .description('check recipes for errors without running them (exit 1 if any has an error)')
    .argument('<files...>', 'the .recipe files to check')
    .option('--debug', 'print stack traces of failures')
    .action(async (files: string[], flags: { debug?: boolean }) => {
      process.exitCode = await guarded('check', flags.debug, () => checkFiles(files, loadRegistry, flags.debug));
    });
}

async function checkFiles(files: string[], loadRegistry: RegistryLoader, debug: boolean | undefined): Promise<number> {
  let errors = 0;
  let warnings = 0;
  let unreadable = false;
  for (const file of files) {
    try {
      const { source, diagnostics } = await checkRecipeFile(file, loadRegistry);
      printDiagnostics(diagnostics, source);
      errors += diagnostics.filter((d) => d.severity === 'error').length;
      warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    } catch (error) {
      reportFailure('check', error, debug);
      unreadable = true;
    }
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors + warnings > 0)
    process.stderr.write(
      `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(files.length, 'file')}\n`,
    );
  else if (!unreadable) process.stdout.write(`checked ${count(files.length, 'file')}: no problems\n`);
  return unreadable ? EXIT.failure : errors > 0 ? EXIT.recipe : EXIT.ok;
}
