// `sous fmt [--check|--write] <files...>`: the canonical formatter (no options). By default it
// prints the formatted text; `--check` lists the files that would change and exits 1 if any
// would; `--write` rewrites them in place (atomically). A file with syntax errors is not
// formatted: its diagnostics are printed and the exit code is 1.
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '@sous/core';
import { format, FormatError } from '@sous/dsl';
import { EXIT } from '../exit-codes.js';
import { guarded, printDiagnostics, readRecipeFile } from '../recipe-input.js';
import { reportFailure } from '../failure.js';

interface FmtFlags {
  check?: boolean;
  write?: boolean;
  debug?: boolean;
}

export function register(program: Command): void {
  program
    .command('fmt')
    .description('format recipes canonically (prints the result unless --check or --write)')
    .argument('<files...>', 'the .recipe files to format')
    .addOption(new Option('--check', 'list the files whose formatting would change; exit 1 if any').conflicts('write'))
    .addOption(new Option('--write', 'rewrite the files in place'))
    .option('--debug', 'print stack traces of failures')
    .action(async (files: string[], flags: FmtFlags) => {
      process.exitCode = await guarded('fmt', flags.debug, () => formatFiles(files, flags));
    });
}

async function formatFiles(files: string[], flags: FmtFlags): Promise<number> {
  let exit: number = EXIT.ok;
  const worsen = (code: number) => {
    exit = Math.max(exit, code);
  };
  const unformatted: string[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = await readRecipeFile(file);
    } catch (error) {
      reportFailure('fmt', error, flags.debug);
      worsen(EXIT.failure);
      continue;
    }
    let formatted: string;
    try {
      formatted = format(source, file);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      printDiagnostics(error.diagnostics, source);
      worsen(EXIT.recipe);
      continue;
    }
    if (flags.check || flags.write) {
      if (formatted === source) continue;
      unformatted.push(file);
      if (flags.write) await writeFileAtomic(file, formatted);
      process.stdout.write(`${flags.write ? 'formatted ' : ''}${file}\n`);
    } else {
      process.stdout.write(formatted);
    }
  }
  if (flags.check && unformatted.length > 0) {
    process.stderr.write(
      `${unformatted.length} of ${files.length} file${files.length === 1 ? '' : 's'} would be reformatted (run \`sous fmt --write\`)\n`,
    );
    worsen(EXIT.recipe);
  }
  return exit;
}
