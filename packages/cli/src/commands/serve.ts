// `sous serve [RUNS_DIR]`: the runs on 127.0.0.1 — a list of them, each run's report with its
// charts following the run live, and comparisons — until Ctrl-C.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_PORT, serveRuns } from '@sous/report';
import { EXIT } from '../exit-codes.js';
import { reportFailure } from '../failure.js';

function portFlag(value: string): number {
  const port = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || port > 65535)
    throw new InvalidArgumentError(`--port takes a port number from 0 to 65535, not "${value}".`);
  return port;
}

/** Resolves on the first Ctrl-C or termination signal. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the runs of a folder on 127.0.0.1 with live charts, like TensorBoard')
    .argument('[runs_dir]', 'a folder of run folders, or one run folder', 'runs')
    .option('--port <n>', `port to listen on (0 picks a free one)`, portFlag, DEFAULT_PORT)
    .option('--debug', 'print stack traces of failures')
    .action(async (dir: string, flags: { port: number; debug?: boolean }) => {
      try {
        const server = await serveRuns(dir, { port: flags.port });
        process.stdout.write(`serving the runs in ${dir} at ${server.url} (Ctrl-C to stop)\n`);
        await untilStopped();
        await server.close();
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.exitCode = reportFailure('serve', error, flags.debug);
      }
    });
}
