// A throwaway npm registry: Verdaccio run as a child process, bound to 127.0.0.1 on a free port,
// with its config, storage and user list in a folder of its own and no uplinks, so that it serves
// only what the e2e publishes and never asks the public registry for anything. Verdaccio because it
// is the registry Nx's and Babel's own publish tests run against; 6.8.0 because 6.10 wants Node 22
// (the root package.json pins node-fetch 2.7.0 through `overrides`, which Verdaccio 6.8.0 needs).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export interface Registry {
  /** http://127.0.0.1:PORT/ (with the slash npm writes in its auth keys). */
  url: string;
  /** The npmrc key of the fake token (`//127.0.0.1:PORT/:_authToken`). */
  authKey: string;
  stop(): Promise<void>;
}

/** A port nothing listens on now: the kernel's pick for port 0, released at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Verdaccio's config: anyone may read and publish the given scopes and names, nothing else exists. */
export function registryConfig(dir: string, packages: string[]): string {
  const rules = packages
    .map((pattern) => `  '${pattern}':\n    access: $all\n    publish: $all\n    unpublish: $all`)
    .join('\n');
  return [
    `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
    '    max_users: -1',
    '# No uplinks: a name not published here is a 404, never a request to the public registry.',
    'uplinks: {}',
    'packages:',
    rules,
    'web:',
    '  enable: false',
    'max_body_size: 200mb',
    'log:',
    '  type: stdout',
    '  format: pretty',
    '  level: warn',
    '',
  ].join('\n');
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within 60 s:\n${output()}`);
}

/** Starts Verdaccio with its config, storage and users under `dir`, serving `packages` (name patterns). */
export async function startRegistry(dir: string, packages: string[]): Promise<Registry> {
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, registryConfig(dir, packages));
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilUp(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, authKey: `//127.0.0.1:${port}/:_authToken`, stop };
}
