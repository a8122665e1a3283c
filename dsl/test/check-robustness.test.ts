// The checker on damaged recipes (what an editor sends while typing): for prefixes of every
// example and of the kitchen sink, and for each with one line deleted, checking never throws,
// every range lies inside the document, and a recipe without errors always compiles (the checker
// and the compiler agree). On the fixture registry the examples' nodes that it lacks are errors
// too, which is damage of another kind.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile } from '../src/compile/index.js';
import { fixtureRegistry } from './fixtures/registry.js';
import { examples } from './syntax-fixtures.js';

const kitchenSink = {
  name: 'kitchen-sink.recipe',
  source: fs.readFileSync(new URL('./fixtures/kitchen-sink.recipe', import.meta.url), 'utf8'),
};

function variants(source: string): string[] {
  const lines = source.split('\n');
  const prefixes = Array.from({ length: Math.ceil(source.length / 17) }, (_, i) => source.slice(0, i * 17));
  const deletions = lines.map((_, i) => [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
  return [...prefixes, ...deletions];
}

for (const { name, source } of [...examples(), kitchenSink]) {
  test(`${name}: damaged variants check without throwing, with ranges inside the text`, () => {
    for (const variant of variants(source)) {
      const lineCount = variant.split('\n').length;
      let result;
      try {
        result = checkAndCompile(variant, name, fixtureRegistry);
      } catch (error) {
        assert.unreachable(`threw on:\n${variant}\n${(error as Error).stack}`);
        return;
      }
      for (const { range, code } of result.diagnostics) {
        assert.ok(
          range.start.line >= 1 && range.end.line <= lineCount + 1 && range.start.offset <= range.end.offset,
          `${code} range`,
        );
        assert.ok(range.start.offset <= variant.length, `${code} inside the text`);
      }
      if (!result.diagnostics.some((d) => d.severity === 'error')) assert.ok(result.plan, 'no error, so a plan');
    }
  });
}

test.run();
