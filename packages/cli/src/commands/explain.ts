// `sous explain <file>`: the recipe fully resolved (every setting and parameter written out,
// defaults included, plugin versions as comments); it compiles to the same plan hash.
import type { Command } from 'commander';
import { explain } from '@sous/dsl';
import { EXIT } from '../exit-codes.js';
import { checkRecipeFile, guarded, printDiagnostics, type RegistryLoader } from '../recipe-input.js';

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('explain')
    .description('print a recipe with every default written out (it compiles to the same plan)')
    .argument('<file>', 'the .recipe file')
    .option('--debug', 'print stack traces of failures')
    .action(async (file: string, flags: { debug?: boolean }) => {
      process.exitCode = await guarded('explain', flags.debug, async () => {
        const { source, diagnostics, plan } = await checkRecipeFile(file, loadRegistry);
        printDiagnostics(diagnostics, source);
        if (!plan) return EXIT.recipe;
        process.stdout.write(explain(plan));
        return EXIT.ok;
      });
    });
}
