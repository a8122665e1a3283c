// dsl/docs/errors.md documents every code the source can emit, with the checker's titles, and
// every checker code belongs to a rule.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CHECK_CODES, RULES } from '../src/check/index.js';
import { emittedCodes } from './fixtures/codes.js';

const doc = fs.readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const sections = new Map(
  [...doc.matchAll(/^## (R\d{4}) (.+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map((m) => [
    m[1],
    { title: m[2], body: m[3] },
  ]),
);

test("the scan finds the parser's and the checker's codes", () => {
  const codes = emittedCodes();
  assert.ok(codes.includes('R0100') && codes.includes('R0105') && codes.includes('R0202'), codes.join(' '));
});

test('errors.md documents exactly the codes the source can emit', () => {
  assert.equal([...sections.keys()].sort(), emittedCodes());
});

test('each entry has an example and a fix; checker titles match CHECK_CODES; warnings say so', () => {
  for (const [code, { title, body }] of sections) {
    assert.match(body, '```recipe\n', `${code} has an example`);
    assert.match(body, '**Fix:**', `${code} has a fix`);
    const info = CHECK_CODES[code as keyof typeof CHECK_CODES];
    if (info) {
      assert.is(title, info.title, code);
      assert.is(body.trimStart().startsWith('*Warning.*'), info.severity === 'warning', `${code} severity`);
    }
  }
});

test('the rules report exactly the codes of CHECK_CODES', () => {
  assert.equal([...new Set(RULES.flatMap((rule) => rule.codes))].sort(), Object.keys(CHECK_CODES).sort());
});

test.run();
