// `sous new plugin NAME [--dir D] [--namespace NS] [--no-install]`: writes a plugin package from
// create-sous-plugin's template (the one `npm init sous-plugin NAME` writes), its @sous
// dependencies at the versions of this sous. A refused name, namespace or folder is a usage error
// (exit 2) and writes nothing.
import type { Command } from 'commander';
import { install, installedVersions, nextSteps, ScaffoldError, scaffold } from 'create-sous-plugin';
import { EXIT } from '../exit-codes.js';
import { reportFailure } from '../failure.js';

interface NewPluginFlags {
  dir?: string;
  namespace?: string;
  install: boolean;
  debug?: boolean;
}

export function register(program: Command): void {
  const create = program
    .command('new')
    .description('create a new package from a template (see `sous new plugin --help`)');
  create
    .command('plugin')
    .description(
      'write a plugin package: one reward node, its test, a recipe using it, README; ' +
        'name it sous-plugin-<x> or @scope/sous-plugin-<x>',
    )
    .argument('<name>', 'the npm package name, e.g. sous-plugin-hello or @me/sous-plugin-hello')
    .option('--dir <dir>', 'folder to write, absent or empty (default: the name without its scope)')
    .option('--namespace <ns>', "the node's prefix in recipes (default: <x> from the name)")
    .option('--no-install', 'do not run npm install in the new package')
    .option('--debug', 'print stack traces of failures')
    .action((name: string, flags: NewPluginFlags) => {
      process.exitCode = newPlugin(name, flags);
    });
}

function newPlugin(name: string, flags: NewPluginFlags): number {
  try {
    const written = scaffold(name, flags.dir ?? name.replace(/^@[^/]+\//, ''), {
      namespace: flags.namespace,
      versions: installedVersions(import.meta.url),
    });
    const installed = flags.install && install(written.dir);
    process.stdout.write(`${nextSteps(written, installed)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) return reportFailure('new plugin', error, flags.debug);
    process.stderr.write(`sous new plugin: ${error.message}\n`);
    return EXIT.failure;
  }
}
