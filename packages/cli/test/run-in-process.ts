// Runs `sous ARGS` in this process (faster than spawning the CLI), capturing what it prints.
import { buildProgram, runProgram, type ProgramOptions } from '../src/program.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runSous(args: string[], options: ProgramOptions = {}): Promise<CliRun> {
  const output = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => {
    output.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    output.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { status: await runProgram(buildProgram(options), args), ...output };
  } finally {
    Object.assign(process.stdout, { write: writes.stdout });
    Object.assign(process.stderr, { write: writes.stderr });
    process.exitCode = undefined;
  }
}
