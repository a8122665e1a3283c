// Shiki renders every example with the recipe grammar (the docs check), and the README's
// highlighted example (editors/grpo-arithmetic.svg) is what the grammar renders today.
import fs from 'node:fs';
import path from 'node:path';
import type { HighlighterCore } from 'shiki/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recipeHighlighter, recipeSvg, THEME } from '../editors/highlight.js';
import { EXAMPLE_SVG, renderExample } from '../editors/render-example.js';
import { exampleFiles } from './grammar-engine.js';

let highlighter: HighlighterCore;

test.before(async () => {
  highlighter = await recipeHighlighter();
});

test.after(() => highlighter.dispose());

test('every example renders to HTML with keywords, strings and comments in colours of their own', () => {
  for (const file of exampleFiles()) {
    const code = fs.readFileSync(file, 'utf8');
    const { tokens, fg } = highlighter.codeToTokens(code, { lang: 'recipe', theme: THEME });
    const colourOf = (text: string) => tokens.flat().find((t) => t.content.trim() === text)?.color;
    const name = path.basename(file);
    for (const word of ['sous', 'stage'])
      assert.ok(colourOf(word) && colourOf(word) !== fg, `${name}: "${word}" is not highlighted`);
    assert.is.not(
      colourOf('sous'),
      tokens.flat().find((t) => t.content.startsWith('#'))?.color,
      `${name}: keywords look like comments`,
    );
    assert.match(highlighter.codeToHtml(code, { lang: 'recipe', theme: THEME }), /^<pre class="shiki/);
  }
});

test("the SVG renderer escapes XML and keeps each token's colour", () => {
  const svg = recipeSvg(highlighter, 'x = a & b  # <b>\n');
  assert.match(svg, '&amp;');
  assert.match(svg, '&lt;b&gt;');
  assert.not.match(svg, '<b>');
  assert.is(svg.match(/<text /g)!.length, 1);
});

test('editors/grpo-arithmetic.svg is up to date (npm run render:example -w @sous/dsl rewrites it)', async () => {
  assert.is(fs.readFileSync(EXAMPLE_SVG, 'utf8'), await renderExample());
});

test.run();
