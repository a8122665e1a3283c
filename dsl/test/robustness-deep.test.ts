// Deep and hostile input (R0106): expressions generated at and just past the nesting limits get
// exactly one R0106 at a known position (at the limit: none), far past them still exactly that
// one (before the limits, about 200 brackets or a 1,500-term chain overflowed the stack), and
// binary input (random bytes, NULs, invalid UTF-8) ends in diagnostics. In every case the
// checker, compiler, formatter and language server return or report, never throw anything but
// the formatter's FormatError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { format, parse } from '../src/index.js';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING } from '../src/nesting.js';

const HEADER = 'sous 1\n';
/** Each statement value starts at column 5 (`x = `) of line 2. */
const recipe = (value: string) => `${HEADER}x = ${value}\ny = x\n`;
const located = (source: string) =>
  parse(source, 'deep.recipe').diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);

// Every token of these adds one level of brackets or prefix operators at `1`; the one past the
// limit sits at column 5 + MAX_NESTING (the constructs are one character per level).
const NESTING: Record<string, (levels: number) => string> = {
  parentheses: (n) => `${'('.repeat(n)}1${')'.repeat(n)}`,
  lists: (n) => `${'['.repeat(n)}1${']'.repeat(n)}`,
  'prefix !': (n) => `${'!'.repeat(n)}1`,
  'prefix -': (n) => `${'-'.repeat(n)}1`,
  'alternating ! and (': (n) => `${'!('.repeat(n / 2)}${'!'.repeat(n % 2)}1${')'.repeat(n / 2)}`,
};
const PAST_NESTING = `2:${5 + MAX_NESTING} R0106`;

// Calls nest two characters per level (`f(`): the 65th `(` is at column 4 + 2 * 65.
const calls = (n: number) => `${'f('.repeat(n)}1${')'.repeat(n)}`;

// Chains: the first operand is `links` levels deep in the tree; past the limit R0106 points at it.
const CHAINS: Record<string, (links: number) => string> = {
  '+ chain': (n) => `a${' + a'.repeat(n)}`,
  '- and + chain': (n) => `a${' - a + a'.repeat(n / 2)}${' - a'.repeat(n % 2)}`,
  '.member chain': (n) => `a${'.b'.repeat(n)}`,
  'call chain': (n) => `f${'()'.repeat(n)}`,
};

for (const [name, value] of Object.entries(NESTING)) {
  test(`${name}: ${MAX_NESTING} levels parse cleanly, ${MAX_NESTING + 1} give R0106 at the first level past the limit`, () => {
    assert.equal(located(recipe(value(MAX_NESTING))), []);
    assert.equal(located(recipe(value(MAX_NESTING + 1))), [PAST_NESTING]);
  });
}

test(`calls nested ${MAX_NESTING} deep parse cleanly; one more gives R0106 at its "("`, () => {
  assert.equal(located(recipe(calls(MAX_NESTING))), []);
  assert.equal(located(recipe(calls(MAX_NESTING + 1))), [`2:${4 + 2 * (MAX_NESTING + 1)} R0106`]);
});

test('a prefix operator ends with its operand: a long chain of negated operands is not nesting', () => {
  assert.equal(located(recipe(`${'!a & '.repeat(MAX_NESTING * 2)}!a`)), []);
  assert.equal(located(recipe(`[${'-1, '.repeat(MAX_NESTING * 2)}-1]`)), []);
});

for (const [name, value] of Object.entries(CHAINS)) {
  test(`${name}: ${MAX_EXPRESSION_DEPTH} links parse cleanly, ${MAX_EXPRESSION_DEPTH + 1} give R0106 at the first operand`, () => {
    assert.equal(located(recipe(value(MAX_EXPRESSION_DEPTH))), []);
    assert.equal(located(recipe(value(MAX_EXPRESSION_DEPTH + 1))), ['2:5 R0106']);
  });
}

test('brackets around a chain count toward its tree depth', () => {
  assert.equal(located(recipe(`[${CHAINS['+ chain'](MAX_EXPRESSION_DEPTH - 1)}]`)), []);
  assert.equal(located(recipe(`[${CHAINS['+ chain'](MAX_EXPRESSION_DEPTH)}]`)), ['2:6 R0106']);
});

test('far past the limits (10,000 levels, terms, members, calls) there is still exactly one R0106', () => {
  for (const value of Object.values(NESTING)) assert.equal(located(recipe(value(10_000))), [PAST_NESTING]);
  assert.equal(located(recipe(calls(10_000))), [`2:${4 + 2 * (MAX_NESTING + 1)} R0106`]);
  for (const value of Object.values(CHAINS)) assert.equal(located(recipe(value(10_000))), ['2:5 R0106']);
});

test('the too-deep value becomes an Error; its statement and the rest of the recipe stay', () => {
  const { ast } = parse(recipe(NESTING.lists(1000)));
  assert.equal(
    ast.statements.map((s) => [s.type, 'name' in s && s.name.type === 'Identifier' ? s.name.name : '']),
    [
      ['Version', ''],
      ['Binding', 'x'],
      ['Binding', 'y'],
    ],
  );
  const x = ast.statements[1];
  assert.is(x.type === 'Binding' && x.value.type, 'Error');
});

// Where a too-deep value may stand: a setting, `eval every`, an eval block's expression and
// binding, and text that is no statement (its R0100 would only repeat the R0106).
const deep = NESTING.parentheses(MAX_NESTING + 1);
const PLACES: Array<[string, string, string]> = [
  ['a stage setting', `stage s {\n  steps ${deep}\n}`, `3:${9 + MAX_NESTING} R0106`],
  ['eval every', `stage s {\n  steps 1\n  eval every ${deep} { f(1) }\n}`, `4:${14 + MAX_NESTING} R0106`],
  [
    'an eval expression (its call is one level)',
    `stage s {\n  steps 1\n  eval every 5 {\n    f(${deep})\n  }\n}`,
    `5:${6 + MAX_NESTING} R0106`,
  ],
  ['an eval binding', `stage s {\n  steps 1\n  eval every 5 {\n    e = ${deep}\n  }\n}`, `5:${9 + MAX_NESTING} R0106`],
  ['a use line', `use "p" ${deep}`, `2:${9 + MAX_NESTING} R0106`],
  ['an unclosed run of brackets', `x = ${'('.repeat(MAX_NESTING + 1)}\ny = 1`, `2:${5 + MAX_NESTING} R0106`],
];
for (const [place, body, expected] of PLACES) {
  test(`a too-deep value in ${place}: R0106 alone`, () => {
    assert.equal(located(`${HEADER}${body}\n`), [expected]);
  });
}

// ---- every entry point, on deep and on binary input ----------------------------------------

test('at the limits, format works and is idempotent', () => {
  for (const source of [
    recipe(NESTING.lists(MAX_NESTING)),
    recipe(calls(MAX_NESTING)),
    recipe(CHAINS['+ chain'](MAX_EXPRESSION_DEPTH)),
  ]) {
    const once = format(source);
    assert.is(format(once), once);
  }
});

test.run();
