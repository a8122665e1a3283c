// `sous doctor`: what this machine offers sous — Node, each tensor backend (available or why not)
// and the backend `sous run` would pick. Always exits 0: it reports, it does not judge.
import type { Command } from 'commander';
import { formatSousError, maxOf, SousError, tf } from '@sous/core';
import { chooseBackend, probeBackends, type BackendStatus } from '@sous/runtime';

export function describeBackends(statuses: BackendStatus[], env: Record<string, string | undefined>): string[] {
  const width = maxOf(statuses.map((s) => s.name.length));
  const lines = statuses.map(
    (s) =>
      `  ${s.name.padEnd(width)}  ${s.available ? `available${s.detail ? `: ${s.detail}` : ''}` : `not available: ${s.reason ?? 'unknown reason'}`}`,
  );
  let pick: string;
  try {
    const name = chooseBackend(statuses, env.SOUS_BACKEND, 'SOUS_BACKEND');
    pick = `sous run would use: ${name}${env.SOUS_BACKEND ? ' (from SOUS_BACKEND)' : ''} (override with --backend NAME or SOUS_BACKEND)`;
  } catch (error) {
    if (!(error instanceof SousError)) throw error;
    pick = `sous run would fail: ${formatSousError(error)}`;
  }
  return [...lines, '', pick];
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('show the Node version, which tensor backends this machine can run, and which one `sous run` picks')
    .action(async () => {
      const statuses = await probeBackends();
      const lines = [
        `node        ${process.version} (${process.platform} ${process.arch})`,
        `tfjs        ${tf.version.tfjs}`,
        'backends    (in order of preference)',
        ...describeBackends(statuses, process.env),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
