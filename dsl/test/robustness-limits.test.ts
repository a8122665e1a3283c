// Size and error limits: a file over MAX_SOURCE_BYTES is not read (R0107 at 1:1); past
// MAX_SYNTAX_ERRORS the rest is summed up in one R0108 and the parser stops (before the cap,
// thousands of errors each made Chevrotain's recovery rescan the rest of the input); chains longer
// than MAX_EXPRESSION_DEPTH are cut on the tokens; the CLI and the language server show at most
// MAX_SHOWN_DIAGNOSTICS. Then every kind of hostile input, just under the size limit, through every
// entry point: diagnostics with positions inside the text, never an exception (but FormatError).
// Speed is measured by tools/bench/dsl-hostile.mjs, not asserted here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { format, FormatError, lex, parse } from '../src/index.js';
import { checkAndCompile } from '../src/compile/index.js';
import { MAX_SHOWN_DIAGNOSTICS, type Diagnostic } from '../src/diagnostic.js';
import { foldNewlines, recipeLexer, TooDeepValue } from '../src/lexer.js';
import { analyse } from '../src/lsp/analysis.js';
import { toLspDiagnostics } from '../src/lsp/diagnostics.js';
import { formatDocument } from '../src/lsp/formatting.js';
import { semanticTokens } from '../src/lsp/semantic-tokens.js';
import { documentSymbols } from '../src/lsp/symbols.js';
import { limitNesting, MAX_EXPRESSION_DEPTH } from '../src/nesting.js';
import { PositionMap } from '../src/positions.js';
import { MAX_SOURCE_BYTES, MAX_SYNTAX_ERRORS } from '../src/syntax.js';
import { fixtureRegistry } from './fixtures/registry.js';
import { HOSTILE_INPUTS, hostileSource } from './hostile-inputs.js';
import { registries } from './lsp-helpers.js';

const located = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);
/** `sous 1`, a comment line, and a comment filling the file to `bytes` UTF-8 bytes with `fill`. */
const sized = (bytes: number, fill = 'x', fillBytes = 1) => {
  const prefix = 'sous 1\n#';
  return `${prefix}${fill.repeat((bytes - prefix.length - 1) / fillBytes)}\n`;
};

// ---- size ----------------------------------------------------------------------------------

test(`a file of exactly MAX_SOURCE_BYTES (${MAX_SOURCE_BYTES}) is read; one byte more gives R0107 at 1:1 alone`, () => {
  assert.equal(parse(sized(MAX_SOURCE_BYTES)).diagnostics, []);
  const over = parse(sized(MAX_SOURCE_BYTES + 1), 'big.recipe');
  assert.equal(located(over.diagnostics), ['1:1 R0107']);
  assert.is(
    over.diagnostics[0].message,
    'this file is 131,073 bytes as UTF-8 text; a recipe may be at most 131,072 bytes (128 KiB), so it was not read',
  );
  assert.ok(over.incomplete);
  assert.equal(over.ast.statements, []);
});

test('the size counts UTF-8 bytes: "é" two, an emoji (a surrogate pair) four', () => {
  const accents = sized(MAX_SOURCE_BYTES + 1 - 1, 'é', 2); // an odd budget: one byte short of MAX + 1
  assert.ok(accents.length < MAX_SOURCE_BYTES / 1.9);
  assert.equal(located(parse(accents).diagnostics), []);
  assert.equal(located(parse(`${accents}é`).diagnostics), ['1:1 R0107']);
  const emoji = `sous 1\n#${'😀'.repeat(MAX_SOURCE_BYTES / 4)}\n`; // 8 + 4 * (MAX / 4) + 1 bytes
  assert.match(
    parse(emoji).diagnostics[0].message,
    `this file is ${(MAX_SOURCE_BYTES + 9).toLocaleString('en-US')} bytes as UTF-8 text;`,
  );
});

test('bytes that are not UTF-8, read as U+FFFD (3 bytes each), are counted and the message says so', () => {
  const source = Buffer.alloc(50_000, 0xff).toString('utf8');
  assert.is(
    parse(source).diagnostics[0].message,
    'this file is 150,000 bytes as UTF-8 text (50,000 of its characters are U+FFFD, which bytes that are not UTF-8 become when read: is it a recipe?); a recipe may be at most 131,072 bytes (128 KiB), so it was not read',
  );
});

test('a file over the limit: no other diagnostic (no checker), no tokens for editors', () => {
  const source = `x = 1\n${'#'.repeat(MAX_SOURCE_BYTES)}`; // no `sous 1` header: R0002 would be reported if it were checked
  assert.equal(codes(checkAndCompile(source, 'big.recipe', fixtureRegistry).diagnostics), ['R0107']);
  assert.equal(lex(source), []);
});

// ---- too many errors -----------------------------------------------------------------------

const badCharacterLines = (n: number) => `sous 1\n${'x = $1\n'.repeat(n)}`;
const syntaxErrorLines = (n: number) => `sous 1\n${'x = = 1\n'.repeat(n)}`;

test(`${MAX_SYNTAX_ERRORS} unknown characters are all reported; one more gives R0108 there, and the file is not parsed`, () => {
  assert.equal(codes(parse(badCharacterLines(MAX_SYNTAX_ERRORS)).diagnostics), Array(MAX_SYNTAX_ERRORS).fill('R0101'));
  for (const lines of [MAX_SYNTAX_ERRORS + 1, 10_000]) {
    const { diagnostics, ast, incomplete } = parse(badCharacterLines(lines));
    assert.equal(located(diagnostics.slice(-2)), [
      `${MAX_SYNTAX_ERRORS + 1}:5 R0101`,
      `${MAX_SYNTAX_ERRORS + 2}:5 R0108`,
    ]);
    assert.is(diagnostics.length, MAX_SYNTAX_ERRORS + 1);
    assert.is(
      diagnostics.at(-1)!.message,
      `too many syntax errors: the first ${MAX_SYNTAX_ERRORS} are reported, ${lines - MAX_SYNTAX_ERRORS} more left out; the file was not parsed (binary or generated text has an error every few characters: is it a recipe?)`,
    );
    assert.ok(incomplete);
    assert.equal(ast.statements, []);
  }
});

test(`${MAX_SYNTAX_ERRORS} parser errors are all reported; at the next one the parser stops there with R0108`, () => {
  const all = parse(syntaxErrorLines(MAX_SYNTAX_ERRORS));
  assert.equal(
    located(all.diagnostics),
    Array.from({ length: MAX_SYNTAX_ERRORS }, (_, i) => `${i + 2}:5 R0100`),
  );
  assert.not.ok(all.incomplete);
  for (const lines of [MAX_SYNTAX_ERRORS + 1, 10_000]) {
    const { diagnostics, ast, incomplete } = parse(syntaxErrorLines(lines));
    assert.equal(located(diagnostics.slice(-2)), [
      `${MAX_SYNTAX_ERRORS + 1}:5 R0100`,
      `${MAX_SYNTAX_ERRORS + 2}:5 R0108`,
    ]);
    assert.is(diagnostics.length, MAX_SYNTAX_ERRORS + 1);
    assert.is(
      diagnostics.at(-1)!.message,
      `too many syntax errors: the first ${MAX_SYNTAX_ERRORS} are reported; the parser stopped reading at ${MAX_SYNTAX_ERRORS + 2}:5`,
    );
    assert.ok(incomplete);
    // What was read before the stop is kept: the header and the first bindings.
    assert.is(ast.statements[0].type, 'Version');
    assert.ok(
      ast.statements.length > MAX_SYNTAX_ERRORS / 2 && ast.statements.length <= MAX_SYNTAX_ERRORS + 2,
      String(ast.statements.length),
    );
  }
});

test('a file with R0108 is not checked, whether the parser stopped or not', () => {
  // No header: R0002 if it were checked. The second: 30 unknown characters, then 30 parser errors.
  const stopped = syntaxErrorLines(MAX_SYNTAX_ERRORS + 1).replace('sous 1\n', '');
  const mixed = `${'x = $1\n'.repeat(30)}${'y = = 1\n'.repeat(30)}`;
  for (const [source, found] of [
    [stopped, ['R0100', 'R0108']],
    [mixed, ['R0101', 'R0100', 'R0108']],
  ] as const) {
    const parsed = parse(source);
    assert.ok(parsed.incomplete);
    assert.is(parsed.diagnostics.length, MAX_SYNTAX_ERRORS + 1);
    assert.equal(
      [...new Set(codes(checkAndCompile(source, 'errors.recipe', fixtureRegistry, parsed).diagnostics))],
      found,
    );
  }
  assert.match(
    parse(mixed).diagnostics.at(-1)!.message,
    'the first 50 are reported, 10 more left out; fix these first',
  );
});

// ---- chains, on the tokens -----------------------------------------------------------------

/** The value of `x = value` after limitNesting: cut (one TooDeepValue) or left to the parser. */
function cutOnTokens(value: string): boolean {
  const source = `sous 1\nx = ${value}\n`;
  const diagnostics: Diagnostic[] = [];
  const tokens = limitNesting(
    foldNewlines(recipeLexer.tokenize(source).tokens),
    new PositionMap(source),
    'chain.recipe',
    diagnostics,
  );
  return tokens.some((t) => t.tokenType === TooDeepValue);
}

const CHAINS: Record<string, (links: number) => string> = {
  '+ chain': (n) => `a${' + a'.repeat(n)}`,
  '| chain of & pairs': (n) => `a & a${' | a & a'.repeat(n)}`,
  '* chain': (n) => `a${' * a'.repeat(n)}`,
  '.member chain': (n) => `a${'.b'.repeat(n)}`,
  'call chain': (n) => `f${'()'.repeat(n)}`,
  'member and call chain': (n) => `a${'.b()'.repeat(n / 2)}`,
};

for (const [name, chain] of Object.entries(CHAINS)) {
  test(`${name}: ${MAX_EXPRESSION_DEPTH} links reach the parser, ${MAX_EXPRESSION_DEPTH + 1} are cut on the tokens`, () => {
    assert.not.ok(cutOnTokens(chain(MAX_EXPRESSION_DEPTH)));
    assert.ok(cutOnTokens(chain(MAX_EXPRESSION_DEPTH + 1 + (name.startsWith('member and') ? 1 : 0))));
  });
}

test('links of different precedence, or split by commas and brackets, are separate chains', () => {
  assert.not.ok(cutOnTokens(`a${' & a | a'.repeat(MAX_EXPRESSION_DEPTH)}`)); // two chains of 256 links
  assert.not.ok(cutOnTokens(`[${'a + a, '.repeat(MAX_EXPRESSION_DEPTH * 2)}a]`));
  assert.not.ok(cutOnTokens(`f(${'a.b, '.repeat(MAX_EXPRESSION_DEPTH * 2)}x: a.b)`));
  assert.not.ok(cutOnTokens(`a${' + (a)'.repeat(MAX_EXPRESSION_DEPTH)}`));
});

test('a chain cut on the tokens gets the R0106 the tree check gives, at its first operand', () => {
  const chain = CHAINS['+ chain'](MAX_EXPRESSION_DEPTH + 1);
  const message = parse(`sous 1\nx = [${CHAINS['+ chain'](MAX_EXPRESSION_DEPTH)}]\n`).diagnostics[0].message; // cut by the tree check
  for (const [value, at] of [
    [chain, '2:5'],
    [`[1, ${chain}]`, '2:9'],
    [`f(k: -(${chain}))`, '2:12'],
    [`x.${chain}`, '2:5'],
  ]) {
    const { diagnostics } = parse(`sous 1\nx = ${value}\ny = x\n`);
    assert.equal(located(diagnostics), [`${at} R0106`], value.slice(0, 20));
    assert.is(diagnostics[0].message, message);
  }
});

// ---- what is shown ---------------------------------------------------------------------------

test(`the language server shows ${MAX_SHOWN_DIAGNOSTICS} diagnostics and a note counting the rest`, async () => {
  const lines = MAX_SHOWN_DIAGNOSTICS + 20;
  const source = `sous 1\n${Array.from({ length: lines }, (_, i) => `x${i} = ${i}`).join('\n')}\n`; // R0311 on each binding
  const analysis = await analyse(TextDocument.create('file:///work/many.recipe', 'recipe', 1, source), registries);
  assert.is(analysis.diagnostics.length, lines);
  const shown = toLspDiagnostics(analysis.diagnostics, analysis.document);
  assert.is(shown.length, MAX_SHOWN_DIAGNOSTICS + 1);
  assert.equal(
    shown.slice(0, -1).map((d) => d.code),
    Array(MAX_SHOWN_DIAGNOSTICS).fill('R0311'),
  );
  assert.is(shown.at(-1)!.message, '20 more diagnostics from here on not shown; fix the ones above first');
  assert.is(shown.at(-1)!.range.start.line, MAX_SHOWN_DIAGNOSTICS + 1); // 0-based: the line of x100
  assert.is(
    toLspDiagnostics(analysis.diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS), analysis.document).length,
    MAX_SHOWN_DIAGNOSTICS,
  );
});

// ---- every kind of hostile input, through every entry point --------------------------------

/** Each generated input at about 60 KB, under the size limit, so each is read (bytes that are
 * not UTF-8 at a third of that: each becomes U+FFFD, three bytes). */
const SIZE = 60_000;

for (const kind of Object.keys(HOSTILE_INPUTS)) {
  const size = typeof HOSTILE_INPUTS[kind](1000) === 'string' ? SIZE : SIZE / 3;
  test(`${kind} (${Math.round(size / 1000)} KB): check, format and the language server end in diagnostics`, async () => {
    const source = hostileSource(kind, size);
    const positions = new PositionMap(source);
    const parsed = parse(source, 'hostile.recipe');
    assert.not.ok(
      parsed.diagnostics.some((d) => d.code === 'R0107'),
      'under the size limit',
    );
    const { diagnostics } = checkAndCompile(source, 'hostile.recipe', fixtureRegistry, parsed);
    assert.ok(diagnostics.length > 0);
    const syntax = diagnostics.filter((d) => d.code < 'R0200');
    assert.ok(syntax.length <= MAX_SYNTAX_ERRORS + 1, `${syntax.length} syntax diagnostics`);
    for (const d of diagnostics) {
      assert.equal(d.range.start, positions.at(d.range.start.offset), `${d.code} at a real position`);
      assert.ok(d.range.start.offset <= source.length);
    }
    try {
      format(source, 'hostile.recipe');
    } catch (error) {
      assert.instance(error, FormatError);
    }
    const document = TextDocument.create('file:///work/hostile.recipe', 'recipe', 1, source);
    const analysis = await analyse(document, registries);
    assert.equal(located(analysis.diagnostics), located(diagnostics));
    assert.ok(toLspDiagnostics(analysis.diagnostics, document).length <= MAX_SHOWN_DIAGNOSTICS + 1);
    documentSymbols(analysis);
    semanticTokens(analysis);
    formatDocument(document, analysis.file);
  });
}

test.run();
