// The `sous` command tree. Each command lives in its own file under commands/ and registers
// itself on the program; this file only wires them together.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerRun } from './commands/run.js';
import { register as registerReport } from './commands/report.js';
import { register as registerCompare } from './commands/compare.js';
import { register as registerServe } from './commands/serve.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

/** Exit codes: 0 success, 1 recipe errors (diagnostics), 2 usage or runtime failure. */
export const EXIT = { ok: 0, recipe: 1, failure: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('sous')
    .description('Write post-training objectives as small .recipe files, check them and run them.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run `sous --help` for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text) });
  registerDoctor(program);
  registerRun(program);
  registerReport(program);
  registerCompare(program);
  registerServe(program);
  return program;
}

/** Runs the program; a usage error is one line on stderr and exit code 2. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.failure;
    }
    throw error;
  }
}
