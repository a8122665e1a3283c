// The error corpus: dsl/test/errors/*.recipe, one file per diagnostic code (some codes have
// several), each stating its expected diagnostics in header lines `# expect: LINE:COL CODE`.
// Every file must produce exactly those, and every code the front end can emit has a file (R0107,
// a file too large to keep here, is generated).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile } from '../src/compile/index.js';
import { MAX_SOURCE_BYTES } from '../src/syntax.js';
import { emittedCodes } from './fixtures/codes.js';
import { fixtureRegistry } from './fixtures/registry.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'errors');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.recipe'))
  .sort();
const seen = new Set<string>();

for (const name of files) {
  const source = fs.readFileSync(path.join(dir, name), 'utf8');
  test(`${name} reports exactly its expected diagnostics`, () => {
    const expected = [...source.matchAll(/^# expect: (\d+:\d+ R\d{4})$/gm)].map((m) => m[1]).sort();
    assert.ok(expected.length > 0, 'the file states what it expects');
    assert.ok(
      expected.some((e) => name.startsWith(e.split(' ')[1])),
      'the file is named after a code it expects',
    );
    const { diagnostics } = checkAndCompile(source, name, fixtureRegistry);
    const actual = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`).sort();
    assert.equal(actual, expected);
    for (const d of diagnostics) {
      seen.add(d.code);
      assert.ok(d.message.length > 10 && !/undefined|NaN/.test(d.message), `a real message: ${d.message}`);
      assert.ok(Number.isInteger(d.range.start.line) && Number.isInteger(d.range.start.column));
    }
  });
}

// R0107 needs a file over MAX_SOURCE_BYTES, too large to keep in the corpus: it is generated here.
test('a generated file one byte over MAX_SOURCE_BYTES reports exactly 1:1 R0107', () => {
  const source = `sous 1\n#${'x'.repeat(MAX_SOURCE_BYTES - 8)}\n`;
  assert.is(source.length, MAX_SOURCE_BYTES + 1);
  const { diagnostics } = checkAndCompile(source, 'large.recipe', fixtureRegistry);
  assert.equal(
    diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`),
    ['1:1 R0107'],
  );
  seen.add('R0107');
});

test('every code the front end can emit has a corpus file (or generated case) that produces it', () => {
  assert.equal([...seen].sort(), emittedCodes());
});

test.run();
