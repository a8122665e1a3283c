import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';

test('a two-binding cycle is reported once, at its first binding, naming the path', () => {
  const { source, diagnostics } = diagnose('a = models.frozen(b)\nb = models.frozen(a)\n');
  assert.equal(summary(diagnostics), [at(source, 'a =', 'R0401')]);
  assert.is(diagnostics[0].message, 'dependency cycle: a -> b -> a');
});

test('a binding that uses itself is a cycle', () => {
  const { source, diagnostics } = diagnose('m = models.frozen(m)\n');
  assert.equal(summary(diagnostics), [at(source, 'm =', 'R0401')]);
  assert.is(diagnostics[0].message, 'dependency cycle: m -> m');
});

test('a longer cycle in a stage names the shortest loop from its first binding', () => {
  const { source, diagnostics } = diagnose(`stage s {
  steps 1
  x = models.frozen(z)
  y = models.frozen(x)
  z = models.frozen(y)
  w = models.frozen(x)
}
`);
  assert.equal(summary(diagnostics), [at(source, 'x =', 'R0401')]);
  assert.is(diagnostics[0].message, 'dependency cycle: x -> z -> y -> x');
});

test('two separate cycles are two diagnostics; a diamond is no cycle', () => {
  assert.equal(
    diagnose('a = models.frozen(b)\nb = models.frozen(a)\nc = models.frozen(d)\nd = models.frozen(c)\n').diagnostics
      .length,
    2,
  );
  assert.equal(
    diagnose('t = tasks.arithmetic()\na = models.gpt(vocab: t.vocab)\nb = models.frozen(a)\nc = models.frozen(a)\n')
      .diagnostics,
    [],
  );
});

test.run();
