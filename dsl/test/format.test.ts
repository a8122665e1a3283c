// The canonical formatter: the examples are fixed points, and targeted cases pin the style.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Binding } from '../src/ast.js';
import { format, FormatError, parse, printExpression } from '../src/index.js';
import { examples, withoutPositions } from './syntax-fixtures.js';

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** The three properties every formatting must have. */
function assertFormatsSafely(source: string): string {
  const once = format(source);
  assert.is(format(once), once, 'idempotent');
  assert.equal(withoutPositions(parse(once).ast), withoutPositions(parse(source).ast), 'same AST');
  const texts = (s: string) =>
    parse(s)
      .ast.comments.map((c) => c.text)
      .sort();
  assert.equal(texts(once), texts(source), 'same comments');
  return once;
}

for (const { name, source } of examples()) {
  test(`${name} is canonically formatted and formats safely`, () => {
    assert.is(assertFormatsSafely(source), source);
  });
}

test('spacing, indentation and argument separators are canonical', () => {
  const source = lines(
    'sous   1',
    'use  "@me/x"   as   x',
    'stage  s{',
    'steps   3',
    '      optimizer adamw( lr:3e-4 ,betas:[0.9,0.99,] )',
    '}',
  );
  assert.is(
    assertFormatsSafely(source),
    lines(
      'sous 1',
      'use "@me/x" as x',
      'stage s {',
      '  steps 3',
      '  optimizer adamw(lr: 3e-4, betas: [0.9, 0.99])',
      '}',
    ),
  );
});

test('numbers keep their text; strings print with canonical escapes', () => {
  assert.is(
    assertFormatsSafely('x = [3e-4, 1E+3, 0.50, 20steps, 10%, "a\\"b\\\\c\\td"]\n'),
    'x = [3e-4, 1E+3, 0.50, 20steps, 10%, "a\\"b\\\\c\\td"]\n',
  );
});

test('= aligns within a run of bindings; a blank line or a setting ends the run', () => {
  const source = lines(
    'a = 1',
    'long_name = 2',
    '# a comment does not end the run',
    'bb = 3',
    '',
    'c = 4',
    'seed 7',
    'dd = 5',
    'e = 6',
  );
  assert.is(
    assertFormatsSafely(source),
    lines(
      'a         = 1',
      'long_name = 2',
      '# a comment does not end the run',
      'bb        = 3',
      '',
      'c = 4',
      'seed 7',
      'dd = 5',
      'e  = 6',
    ),
  );
});

test('blank lines collapse to one and go at the edges of blocks and the file', () => {
  const source = '\n\n\nsous 1\n\n\n\nstage s {\n\n\n  steps 3\n\n\n\n  batch = 2\n\n}\n\n\n';
  assert.is(assertFormatsSafely(source), lines('sous 1', '', 'stage s {', '  steps 3', '', '  batch = 2', '}'));
});

test('own-line and trailing comments stay where they are', () => {
  const source = lines(
    '# header',
    '',
    'sous 1   # version',
    '# before the stage',
    'stage s {  # opens',
    '  # first',
    '  steps 3 # three',
    '  eval every 5 { x }   # eval',
    '  # last',
    '} # closes',
    '# end of file',
  );
  assert.is(
    assertFormatsSafely(source),
    lines(
      '# header',
      '',
      'sous 1  # version',
      '# before the stage',
      'stage s {  # opens',
      '  # first',
      '  steps 3  # three',
      '  eval every 5 { x }  # eval',
      '  # last',
      '}  # closes',
      '# end of file',
    ),
  );
});

test('a comment inside a one-line expression moves above its statement', () => {
  const source = lines('x = f(a, # about a', '  b)', 'y = 1');
  assert.is(assertFormatsSafely(source), lines('# about a', 'x = f(a, b)', 'y = 1'));
});

test('a multi-line binary expression keeps its breaks, the operator under "="', () => {
  const source = lines(
    'stage s {',
    '  adv = 1',
    '  loss = objectives.pg(p, r)   # main term',
    '    # the penalty',
    '    + 0.04 * objectives.kl(p, q)',
    '      - c',
    '}',
  );
  assert.is(
    assertFormatsSafely(source),
    lines(
      'stage s {',
      '  adv  = 1',
      '  loss = objectives.pg(p, r)  # main term',
      '       # the penalty',
      '       + 0.04 * objectives.kl(p, q)',
      '       - c',
      '}',
    ),
  );
});

test('an exploded call or list stays one item per line with trailing commas', () => {
  const source = lines(
    'x = f(',
    '  a, # first',
    '  # own',
    '  b: [',
    '    [1, 2], [3,',
    '    4]],',
    '  c: g(1,',
    '    2)',
    ')',
  );
  assert.is(
    assertFormatsSafely(source),
    lines('x = f(', '  a,  # first', '  # own', '  b: [', '    [1, 2],', '    [3, 4],', '  ],', '  c: g(1, 2),', ')'),
  );
});

test('nested lists print flat unless exploded', () => {
  assert.is(assertFormatsSafely('k = [[1, [2, 3]], []]\n'), 'k = [[1, [2, 3]], []]\n');
});

test('an eval block with one simple statement stays on one line; others open up', () => {
  const source = lines(
    'stage s {',
    '  eval every 5 {',
    '    m.a(x)',
    '  }',
    '  eval every 6 { n = m.b(x)',
    'm.c(n) }',
    '  eval every 7 {}',
    '}',
  );
  assert.is(
    assertFormatsSafely(source),
    lines(
      'stage s {',
      '  eval every 5 { m.a(x) }',
      '  eval every 6 {',
      '    n = m.b(x)',
      '    m.c(n)',
      '  }',
      '  eval every 7 {}',
      '}',
    ),
  );
});

test('a trailing comment after a one-line eval block stays outside its braces', () => {
  const source = lines('stage s {', '  eval every 5 { m.a(x) }  # note', '}');
  assert.is(assertFormatsSafely(source), source);
});

test('parentheses are re-derived from precedence', () => {
  const source = 'x = ((a - (b - c))) * -(d + e) | (!f & g) + h.i\n';
  assert.is(assertFormatsSafely(source), 'x = (a - (b - c)) * -(d + e) | (!f & g) + h.i\n');
});

test('\\r\\n input gives \\n output; an empty file stays empty', () => {
  assert.is(assertFormatsSafely('sous 1\r\nseed 7\r\n'), 'sous 1\nseed 7\n');
  assert.is(format(''), '');
  assert.is(format('# only\n\n\n'), '# only\n');
});

test('a file with syntax errors throws FormatError with the diagnostics', () => {
  try {
    format('x = \ny = f(\n', 'bad.recipe');
    assert.unreachable('format should throw');
  } catch (error) {
    assert.instance(error, FormatError);
    const e = error as FormatError;
    assert.is(e.file, 'bad.recipe');
    assert.is(e.diagnostics.length, 2);
    assert.match(
      e.message,
      /^cannot format bad\.recipe: it has 2 syntax errors \(first at bad\.recipe:1:5: expected a value after "=" but found end of line\)$/,
    );
  }
});

test('printExpression prints one canonical line', () => {
  const { ast } = parse(
    'x = objectives.clipped_pg(policy,\n  clip: 0.2)\n  + 0.04 * objectives.kl(estimator: "k3", ks: [1,\n 8]) & !(m | n)\n',
  );
  assert.is(
    printExpression((ast.statements[0] as Binding).value),
    'objectives.clipped_pg(policy, clip: 0.2) + 0.04 * objectives.kl(estimator: "k3", ks: [1, 8]) & !(m | n)',
  );
});

test.run();
