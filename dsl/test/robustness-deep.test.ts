// Deep and hostile input (R0106): expressions generated at and just past the nesting limits get
// exactly one R0106 at a known position (at the limit: none), far past them still exactly that
// one (before the limits, about 200 brackets or a 1,500-term chain overflowed the stack), and
// binary input (random bytes, NULs, invalid UTF-8) ends in diagnostics. In every case the
// checker, compiler, formatter and language server return or report, never throw anything but
// the formatter's FormatError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { format, FormatError, parse } from '../src/index.js';
import { checkAndCompile } from '../src/compile/index.js';
import { complete } from '../src/lsp/completion.js';
import { definition } from '../src/lsp/definition.js';
import { formatDocument } from '../src/lsp/formatting.js';
import { hover } from '../src/lsp/hover.js';
import { semanticTokens } from '../src/lsp/semantic-tokens.js';
import { documentSymbols } from '../src/lsp/symbols.js';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING } from '../src/nesting.js';
import { fixtureRegistry } from './fixtures/registry.js';
import { analysed } from './lsp-helpers.js';

const HEADER = 'sous 1\n';
/** Each statement value starts at column 5 (`x = `) of line 2. */
const recipe = (value: string) => `${HEADER}x = ${value}\ny = x\n`;
const located = (source: string) => parse(source, 'deep.recipe').diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);

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
  assert.equal(ast.statements.map((s) => [s.type, 'name' in s && s.name.type === 'Identifier' ? s.name.name : '']), [['Version', ''], ['Binding', 'x'], ['Binding', 'y']]);
  const x = ast.statements[1];
  assert.is(x.type === 'Binding' && x.value.type, 'Error');
});

// Where a too-deep value may stand: a setting, `eval every`, an eval block's expression and
// binding, and text that is no statement (its R0100 would only repeat the R0106).
const deep = NESTING.parentheses(MAX_NESTING + 1);
const PLACES: Array<[string, string, string]> = [
  ['a stage setting', `stage s {\n  steps ${deep}\n}`, `3:${9 + MAX_NESTING} R0106`],
  ['eval every', `stage s {\n  steps 1\n  eval every ${deep} { f(1) }\n}`, `4:${14 + MAX_NESTING} R0106`],
  ['an eval expression (its call is one level)', `stage s {\n  steps 1\n  eval every 5 {\n    f(${deep})\n  }\n}`, `5:${6 + MAX_NESTING} R0106`],
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

/** mulberry32, so that the random bytes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261202);
const bytes = (n: number, byte: () => number) => Buffer.from(Array.from({ length: n }, byte)).toString('utf8');

const HOSTILE: Record<string, string> = {
  'lists 5,000 deep': recipe(NESTING.lists(5000)),
  'a 5,000-term chain': recipe(CHAINS['+ chain'](5000)),
  'calls 5,000 deep in a stage': `${HEADER}stage s {\n  steps 1\n  loss = ${calls(5000)}\n}\n`,
  '64 KiB of random bytes': bytes(65_536, () => Math.floor(random() * 256)),
  '64 KiB of NULs': bytes(65_536, () => 0),
  '64 KiB of invalid UTF-8': bytes(65_536, () => 0xc3),
  'a recipe with a NUL and invalid UTF-8 inside a string': `${HEADER}recipe "a\u0000b${bytes(3, () => 0xff)}"\nx = ${bytes(2, () => 0xc3)}\n`,
};

for (const [name, source] of Object.entries(HOSTILE)) {
  test(`${name}: check, compile, format and the language server report, never throw`, async () => {
    const { diagnostics, plan } = checkAndCompile(source, 'hostile.recipe', fixtureRegistry);
    assert.ok(diagnostics.some((d) => d.severity === 'error'), 'it has errors');
    assert.is(plan, undefined);
    for (const { range, code, message } of diagnostics) {
      assert.match(code, /^R\d{4}$/);
      assert.ok(message.length > 10, message);
      assert.ok(range.start.offset <= range.end.offset && range.end.offset <= source.length, `${code} range inside the text`);
      assert.ok(range.start.line >= 1 && range.start.column >= 1, `${code} line:col`);
    }
    assert.throws(() => format(source, 'hostile.recipe'), (error: unknown) => error instanceof FormatError);

    const { analysis } = await analysed(source);
    assert.equal(analysis.diagnostics.map((d) => d.code), diagnostics.map((d) => d.code));
    for (const offset of [0, Math.floor(source.length / 2), source.length]) {
      hover(analysis, offset);
      complete(analysis, offset);
      definition(analysis, offset);
    }
    semanticTokens(analysis);
    documentSymbols(analysis);
    assert.equal(formatDocument(TextDocument.create('file:///work/hostile.recipe', 'recipe', 1, source), 'hostile.recipe'), []);
  });
}

test('at the limits, format works and is idempotent', () => {
  for (const source of [recipe(NESTING.lists(MAX_NESTING)), recipe(calls(MAX_NESTING)), recipe(CHAINS['+ chain'](MAX_EXPRESSION_DEPTH))]) {
    const once = format(source);
    assert.is(format(once), once);
  }
});

test.run();
