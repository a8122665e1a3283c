// `sous plan <file>`: the compiled plan as JSON on stdout (what `sous run` executes); the
// diagnostics go to stderr, and a recipe with errors exits 1 with no plan.
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { checkRecipeFile, guarded, printDiagnostics, type RegistryLoader } from '../recipe-input.js';

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('plan')
    .description('print the compiled plan of a recipe as JSON')
    .argument('<file>', 'the .recipe file')
    .option('--debug', 'print stack traces of failures')
    .action(async (file: string, flags: { debug?: boolean }) => {
      process.exitCode = await guarded('plan', flags.debug, async () => {
        const { source, diagnostics, plan } = await checkRecipeFile(file, loadRegistry);
        printDiagnostics(diagnostics, source);
        if (!plan) return EXIT.recipe;
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return EXIT.ok;
      });
    });
}
