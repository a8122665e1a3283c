// `npm init sous-plugin NAME [--dir D] [--namespace NS] [--no-install]`: npm runs this as the
// create-sous-plugin bin. Exit codes as sous's: 0 written, 2 a usage error or a refused name/folder.
import { parseArgs } from 'node:util';
import { install, nextSteps, ScaffoldError, scaffold } from './index.js';

const USAGE = `usage: npm init sous-plugin NAME [-- --dir D --namespace NS --no-install]

Writes a sous plugin package: one reward node, its test, a recipe using it, README.
NAME is the npm package name: sous-plugin-<x> or @scope/sous-plugin-<x> by convention.
  --dir D          folder to write (default: NAME without its scope); must be absent or empty
  --namespace NS   the node's prefix in recipes (default: <x> from the name)
  --no-install     do not run npm install in the new package`;

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`create-sous-plugin: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`create-sous-plugin: give one package name\n${USAGE}\n`);
    return 2;
  }
  const name = positionals[0]!;
  try {
    const written = scaffold(name, values.dir ?? name.replace(/^@[^/]+\//, ''), { namespace: values.namespace });
    const installed = !values['no-install'] && install(written.dir);
    process.stdout.write(`${nextSteps(written, installed)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    process.stderr.write(`create-sous-plugin: ${error.message}\n`);
    return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      namespace: { type: 'string' },
      'no-install': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = main(process.argv.slice(2));
