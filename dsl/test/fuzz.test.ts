// Robustness under damage: every token-boundary prefix of every example, and 3,000 seeded random
// token deletions, duplications, swaps and insertions, must parse without throwing, with every
// diagnostic and AST range inside the document and its line:column consistent with its offset.
// Mutants that happen to parse cleanly must also format safely.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Position, Range } from '../src/ast.js';
import { format, lex, parse } from '../src/index.js';
import { examples, withoutPositions } from './syntax-fixtures.js';
import { prng } from './prng.js';

const MUTATIONS = 3000;
const CODES = new Set(['R0100', 'R0101', 'R0102', 'R0103', 'R0104', 'R0105']);

/** Line and column of every offset, computed independently of the parser's PositionMap. */
function lineColumns(source: string): Array<[number, number]> {
  const table: Array<[number, number]> = [];
  let line = 1,
    column = 1;
  for (let i = 0; i <= source.length; i++) {
    table.push([line, column]);
    const c = source[i];
    if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) {
      line++;
      column = 1;
    } else column++;
  }
  return table;
}

function checkPosition(p: Position, table: Array<[number, number]>, what: string): void {
  assert.ok(
    Number.isInteger(p.offset) && p.offset >= 0 && p.offset < table.length,
    `${what}: offset ${p.offset} outside the document`,
  );
  assert.equal([p.line, p.column], table[p.offset], `${what}: line:column of offset ${p.offset}`);
}

function checkRange(range: Range, table: Array<[number, number]>, what: string): void {
  checkPosition(range.start, table, what);
  checkPosition(range.end, table, what);
  assert.ok(range.start.offset <= range.end.offset, `${what}: range ends before it starts`);
}

function checkAstRanges(node: unknown, table: Array<[number, number]>): void {
  if (Array.isArray(node)) return node.forEach((n) => checkAstRanges(n, table));
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'range') checkRange(value as Range, table, `AST ${(node as { type?: string }).type ?? 'node'}`);
    else checkAstRanges(value, table);
  }
}

let cleanMutants = 0;

/** Parses a damaged source and checks everything the header promises. */
function checkDamaged(source: string, label: string): void {
  let result;
  try {
    result = parse(source, 'fuzz.recipe');
  } catch (error) {
    assert.unreachable(`${label}: parse threw ${(error as Error).stack}\n--- source ---\n${source}`);
    return;
  }
  const table = lineColumns(source);
  for (const d of result.diagnostics) {
    assert.ok(CODES.has(d.code), `${label}: unexpected code ${d.code}`);
    assert.is(d.file, 'fuzz.recipe');
    assert.ok(
      d.message.length > 0 && !/Expecting|token of type|EOF/.test(d.message),
      `${label}: raw message "${d.message}"`,
    );
    checkRange(d.range, table, `${label} diagnostic "${d.message}"`);
  }
  checkAstRanges(result.ast, table);
  if (result.diagnostics.length === 0) {
    cleanMutants++;
    const once = format(source);
    assert.is(format(once), once, `${label}: format is idempotent\n${source}`);
    assert.equal(
      withoutPositions(parse(once).ast),
      withoutPositions(result.ast),
      `${label}: format keeps the AST\n${source}`,
    );
  }
}

test('every token-boundary prefix of every example parses safely', () => {
  for (const { name, source } of examples()) {
    const boundaries = new Set<number>();
    for (const token of lex(source)) {
      boundaries.add(token.range.start.offset);
      boundaries.add(token.range.end.offset);
    }
    for (const boundary of boundaries) checkDamaged(source.slice(0, boundary), `${name} prefix ${boundary}`);
  }
});

test(`${MUTATIONS} random token mutations parse safely`, () => {
  const random = prng(20240607);
  const corpus = examples().map(({ source }) => ({ source, tokens: lex(source) }));
  const pool = [
    ...new Set(corpus.flatMap((c) => c.tokens.map((t) => t.text))),
    '\n',
    '"open',
    '@',
    '30x',
    'population',
    '{',
    '}',
  ];
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  cleanMutants = 0;
  for (let n = 0; n < MUTATIONS; n++) {
    const { source, tokens } = pick(corpus);
    const i = Math.floor(random() * tokens.length);
    const { start, end } = { start: tokens[i].range.start.offset, end: tokens[i].range.end.offset };
    const text = tokens[i].text;
    let mutated: string;
    let operation: string;
    switch (Math.floor(random() * 4)) {
      case 0:
        operation = 'delete';
        mutated = source.slice(0, start) + source.slice(end);
        break;
      case 1:
        operation = 'duplicate';
        mutated = `${source.slice(0, end)} ${text}${source.slice(end)}`;
        break;
      case 2: {
        operation = 'swap';
        const next = tokens[Math.min(i + 1, tokens.length - 1)];
        const [s2, e2] = [next.range.start.offset, next.range.end.offset];
        mutated =
          next === tokens[i]
            ? source
            : source.slice(0, start) + next.text + source.slice(end, s2) + text + source.slice(e2);
        break;
      }
      default:
        operation = 'insert';
        mutated = `${source.slice(0, start)}${pick(pool)} ${source.slice(start)}`;
    }
    checkDamaged(mutated, `mutation ${n} (${operation} of "${text}" at ${start})`);
  }
  // The clean mutants (deleting a comment, duplicating a `use` line ...) exercise the formatter too.
  assert.ok(cleanMutants > 50, `only ${cleanMutants} clean mutants`);
});

test.run();
