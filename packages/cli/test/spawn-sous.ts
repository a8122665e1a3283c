// Runs `sous ARGS` as a child process from the TypeScript sources, for tests that need a fresh
// process (its own environment, e.g. OMP_NUM_THREADS, or a clean backend). SOUS_BACKEND is removed
// so that the machine's setting cannot choose the backend under test.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// Absolute, since a test may run the CLI in a scratch folder that cannot resolve tsx.
const tsx = import.meta.resolve('tsx');

export function spawnSous(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.SOUS_BACKEND;
  return spawnSync(process.execPath, ['--conditions=source', '--import', tsx, main, ...args], {
    encoding: 'utf8',
    env,
    cwd: options.cwd,
  });
}
