// Running npm, npx and git for the e2e: with the user's own npm configuration, and an error that
// shows the command's output when it exits with a status other than the one expected.
import { spawn, spawnSync } from 'node:child_process';

export interface Ran {
  status: number;
  out: string;
}

/** The environment without what `npm run` adds (npm_config_*, npm_package_*, npm_lifecycle_*), so
 * that each npm started here reads the configuration a user's npm would: ~/.npmrc and the project's. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NX_DAEMON: 'false', ...extra };
}

export interface RunOptions {
  /** The exit status that is success (default 0); undefined: any. */
  expect?: number;
  /** Variables added to userEnv(). */
  env?: Record<string, string>;
}

function checked(command: string, args: string[], cwd: string, ran: Ran, expect: number | undefined): Ran {
  if (expect !== undefined && ran.status !== expect) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} exited ${ran.status} (expected ${expect}):\n${ran.out}`,
    );
  }
  return ran;
}

export function run(command: string, args: string[], cwd: string, options: RunOptions = {}): Ran {
  const result = spawnSync(command, args, {
    cwd,
    env: userEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.error) throw result.error;
  const ran = { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
  return checked(command, args, cwd, ran, 'expect' in options ? options.expect : 0);
}

/** run(), without blocking the event loop (the registry's requests are answered meanwhile). */
export function runAsync(command: string, args: string[], cwd: string, options: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (status) => {
      try {
        resolve(checked(command, args, cwd, { status: status ?? 1, out }, 'expect' in options ? options.expect : 0));
      } catch (error) {
        reject(error);
      }
    });
  });
}
