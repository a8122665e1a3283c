// Options with a fixed set of values are commander choices: a value outside the set is one usage
// line naming the allowed values and exit 2, before any work starts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKEND_NAMES } from '@sous/runtime';
import type { Command, Option } from 'commander';
import { buildProgram } from '../src/program.js';
import { runSous } from './run-in-process.js';

test('`sous run --backend` takes a backend name only, an inherited object name included', async () => {
  for (const backend of ['quantum', 'toString', 'constructor']) {
    const run = await runSous(['run', 'does-not-matter.recipe', '--backend', backend]);
    assert.is(run.status, 2, backend);
    assert.is(
      run.stderr,
      `error: option '--backend <name>' argument '${backend}' is invalid. Allowed choices are ${BACKEND_NAMES.join(', ')}. (see \`sous --help\`)\n`,
    );
  }
});

/** Every option of every command, as `sous <command> <flags>`. */
function allOptions(program: Command): { command: string; option: Option }[] {
  return program.commands.flatMap((command) => command.options.map((option) => ({ command: command.name(), option })));
}

test('the fixed-set options are commander choices, so `--help` lists the values and parsing checks them', () => {
  const fixed = allOptions(buildProgram())
    .filter(({ option }) => option.argChoices !== undefined)
    .map(({ command, option }) => `${command} ${option.long}: ${option.argChoices!.join(' ')}`)
    .sort();
  assert.equal(fixed, [`graph --format: dot svg`, `run --backend: ${BACKEND_NAMES.join(' ')}`]);
});

test.run();
