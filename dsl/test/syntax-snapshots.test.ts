// Golden ASTs of the examples and the serialized grammar: any change to either shows as a diff
// in review. `npm run test:update -w @sous/dsl` rewrites them; a missing one fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../src/index.js';
import { recipeParser } from '../src/parser.js';
import { examples, matchSnapshot } from './syntax-fixtures.js';

test('there are examples to check', () => {
  assert.ok(examples().length >= 8);
});

for (const { name, source } of examples()) {
  test(`${name} parses with no diagnostics and matches its AST snapshot`, () => {
    const { ast, diagnostics } = parse(source, name);
    assert.equal(diagnostics, []);
    const { expected, actual } = matchSnapshot(name.replace(/\.recipe$/, '.ast.json'), ast);
    assert.equal(actual, expected);
  });
}

test('the grammar matches its snapshot', () => {
  const { expected, actual } = matchSnapshot('grammar.json', recipeParser.getSerializedGastProductions());
  assert.equal(actual, expected);
});

test.run();
