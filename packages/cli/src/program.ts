// The `sous` command tree. Each command lives in its own file under commands/ and registers
// itself on the program; this file only wires them together.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerRun } from './commands/run.js';
import { register as registerReport } from './commands/report.js';
import { register as registerCompare } from './commands/compare.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerFmt } from './commands/fmt.js';
import { register as registerPlan } from './commands/plan.js';
import { register as registerGraph } from './commands/graph.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerNodes } from './commands/nodes.js';
import { register as registerPapers } from './commands/papers.js';
import { register as registerLsp } from './commands/lsp.js';
import { register as registerNew } from './commands/new.js';
import { loadRegistry } from '@sous/runtime';
import type { RegistryLoader } from './recipe-input.js';
import { EXIT } from './exit-codes.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

export interface ProgramOptions {
  /** Loads the plugins a recipe uses (default: @sous/runtime's loadRegistry; tests inject one). */
  loadRegistry?: RegistryLoader;
}

export function buildProgram(options: ProgramOptions = {}): Command {
  const registryLoader = options.loadRegistry ?? loadRegistry;
  const program = new Command('sous')
    .description('Write post-training objectives as small .recipe files, check them and run them.')
    .version(version, '-V, --version')
    .exitOverride();
  // A usage error is one line: commander's message with the pointer to --help on the same line.
  program.configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see \`sous --help\`)\n`) });
  registerDoctor(program);
  registerRun(program);
  registerReport(program);
  registerCompare(program);
  registerServe(program);
  registerCheck(program, registryLoader);
  registerFmt(program);
  registerPlan(program, registryLoader);
  registerGraph(program, registryLoader);
  registerExplain(program, registryLoader);
  registerNodes(program, registryLoader);
  registerPapers(program, registryLoader);
  registerLsp(program, registryLoader);
  registerNew(program);
  return program;
}

/** Runs the program; a usage error is one line on stderr and exit code 2. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.failure;
    }
    throw error;
  }
}
