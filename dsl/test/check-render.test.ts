import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../src/diagnostic.js';
import { render } from '../src/render.js';

const at = (line: number, column: number, offset = 0) => ({ line, column, offset });
const diagnostic = (
  start: ReturnType<typeof at>,
  end: ReturnType<typeof at>,
  extra: Partial<Diagnostic> = {},
): Diagnostic => ({
  code: 'R0202',
  severity: 'error',
  message: 'unknown node "samplers.gruop"',
  file: 'grpo.recipe',
  range: { start, end },
  ...extra,
});
const source = 'sous 1\n\n  rollouts = samplers.gruop(policy, prompts)\n';

test('header, source line with its gutter, carets under the range, then the suggestion', () => {
  const text = render(diagnostic(at(3, 14), at(3, 28), { suggestion: 'samplers.group' }), source);
  assert.is(
    text,
    [
      'grpo.recipe:3:14: error[R0202]: unknown node "samplers.gruop"',
      '  3 |   rollouts = samplers.gruop(policy, prompts)',
      '    |              ^^^^^^^^^^^^^^',
      '  help: did you mean "samplers.group"?',
    ].join('\n'),
  );
});

test('a quoted suggestion is not quoted again; no suggestion, no help line; warnings say so', () => {
  const text = render(
    diagnostic(at(1, 6), at(1, 7), { severity: 'warning', code: 'R0301', message: 'm', suggestion: '"stop"' }),
    source,
  );
  assert.is(text.split('\n')[0], 'grpo.recipe:1:6: warning[R0301]: m');
  assert.is(text.split('\n')[3], '  help: did you mean "stop"?');
  assert.is(render(diagnostic(at(1, 1), at(1, 5)), source).split('\n').length, 3);
});

test('an empty range gets one caret; a multi-line range is underlined to the end of its first line', () => {
  assert.is(render(diagnostic(at(1, 7), at(1, 7)), source).split('\n')[2], '    |       ^');
  assert.is(render(diagnostic(at(3, 14), at(4, 1)), source).split('\n')[2], '    |              ' + '^'.repeat(31));
});

test('a position past the last line (end of file) shows an empty line and a caret', () => {
  assert.is(
    render(diagnostic(at(4, 1), at(4, 1)), source)
      .split('\n')
      .slice(1)
      .join('\n'),
    '  4 | \n    | ^',
  );
});

test('tabs before the range are kept so the carets line up; the gutter widens with the line number', () => {
  const tabbed = `${'\n'.repeat(11)}\tx = nope\n`;
  const lines = render(diagnostic(at(12, 6), at(12, 10)), tabbed).split('\n');
  assert.is(lines[1], '  12 | \tx = nope');
  assert.is(lines[2], '     | \t    ^^^^');
});

test('a long line shows a 200-character window from 60 before the range, marked with …; the caret stays under it', () => {
  const long = `x = [${'1, '.repeat(200)}$${', 1'.repeat(200)}]`;
  const column = long.indexOf('$') + 1;
  const lines = render(diagnostic(at(1, column), at(1, column + 1)), `${long}\n`).split('\n');
  assert.is(lines[1], `  1 | …${long.slice(column - 61, column - 61 + 200)}…`);
  assert.is(lines[2], `    | ${' '.repeat(61)}^`);
  assert.is(lines[2].indexOf('^'), lines[1].indexOf('$'));
});

test('control characters of binary input show as U+FFFD, one each, so the carets stay aligned', () => {
  const binary = `x = \0\x1b[2J\x7f\x9b $\tend\n`;
  const lines = render(diagnostic(at(1, 13), at(1, 14)), binary).split('\n');
  assert.is(lines[1], '  1 | x = \uFFFD\uFFFD[2J\uFFFD\uFFFD $\tend');
  assert.is(lines[2].indexOf('^'), lines[1].indexOf('$'));
});

test.run();
