import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';

test('two stages with one name are an error at the second name', () => {
  const { source, diagnostics } = diagnose(
    'stage a {\n  steps 1\n}\nstage b {\n  steps 1\n}\nstage a {\n  steps 2\n}\n',
  );
  assert.equal(summary(diagnostics), [at(source, 'a {', 'R0402', 2)]);
  assert.match(diagnostics[0].message, 'stage "a" is already defined on line 7');
});

test.run();
