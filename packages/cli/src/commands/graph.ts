// `sous graph <file>`: the compiled DAG drawn as Graphviz DOT (the default, for `dot -Tpng`) or as
// the report's SVG diagrams, on stdout or into `-o FILE`. Diagnostics go to stderr, and a recipe
// with errors exits 1 with no drawing.
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '@sous/core';
import { planToDot, planToSvg } from '@sous/report';
import type { Plan } from '@sous/dsl';
import { EXIT } from '../exit-codes.js';
import { checkRecipeFile, guarded, printDiagnostics, type RegistryLoader } from '../recipe-input.js';

// A Map, not an object literal: a lookup must not find inherited names such as "toString".
const FORMATS = new Map<string, (plan: Plan) => string>([
  ['dot', planToDot],
  ['svg', planToSvg],
]);

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('graph')
    .description('draw the compiled DAG of a recipe (Graphviz DOT or SVG)')
    .argument('<file>', 'the .recipe file')
    .addOption(new Option('--format <format>', 'the drawing').choices([...FORMATS.keys()]).default('dot'))
    .option('-o, --out <file>', 'write the drawing to this file instead of stdout')
    .option('--debug', 'print stack traces of failures')
    .action(async (file: string, flags: { format: string; out?: string; debug?: boolean }) => {
      process.exitCode = await guarded('graph', flags.debug, async () => {
        const { source, diagnostics, plan } = await checkRecipeFile(file, loadRegistry);
        printDiagnostics(diagnostics, source);
        if (!plan) return EXIT.recipe;
        const drawing = FORMATS.get(flags.format)!(plan);
        if (!flags.out) {
          process.stdout.write(drawing);
          return EXIT.ok;
        }
        await writeFileAtomic(flags.out, drawing); // a SousError naming the file if it cannot
        process.stderr.write(`wrote ${flags.out}\n`);
        return EXIT.ok;
      });
    });
}
