import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';
import { fixtureRegistry } from './fixtures/registry.js';

test('a missing package is one error naming the install command, with a suggestion', () => {
  const { source, diagnostics } = diagnose('sous 1\nuse "@sous/taks"\ntask = taks.arithmetic(digits: 2)\n', {
    prelude: false,
  });
  // The calls into its namespace stay silent: one missing package, one error.
  assert.equal(summary(diagnostics), [at(source, '"@sous/taks"', 'R0201')]);
  assert.match(diagnostics[0].message, '`npm install @sous/taks`');
  assert.is(diagnostics[0].suggestion, '"@sous/tasks"');
});

test("the registry's reason for a missing package becomes the message", () => {
  const registry = {
    ...fixtureRegistry,
    missing: [{ package: '@me/broken', message: 'plugin package "@me/broken" failed to load: SyntaxError' }],
  };
  const { diagnostics } = diagnose('sous 1\nuse "@me/broken"\n', { prelude: false, registry });
  assert.is(diagnostics[0].message, 'plugin package "@me/broken" failed to load: SyntaxError');
});

test('an alias of a missing package keeps its calls silent too', () => {
  const { diagnostics } = diagnose('sous 1\nuse "@me/absent" as mine\nx = mine.thing()\n', { prelude: false });
  assert.equal(
    diagnostics.map((d) => d.code),
    ['R0201'],
  );
});

test('two uses that register the same namespace clash; an alias resolves it', () => {
  const { source, diagnostics } = diagnose('use "@sous/tasks"\n');
  assert.equal(summary(diagnostics), [at(source, '"@sous/tasks"', 'R0209', 2)]);
  assert.match(diagnostics[0].message, 'namespace "tasks" is already registered by `use "@sous/tasks"` on line 2');
  assert.equal(diagnose('use "@sous/tasks" as more_tasks\nt = more_tasks.arithmetic()\n').diagnostics, []);
});

test('an alias that takes a namespace already in use clashes at the alias', () => {
  const { source, diagnostics } = diagnose('use "@sous/models" as tasks\n');
  assert.equal(summary(diagnostics), [at(source, 'tasks\n', 'R0209')]);
});

test.run();
