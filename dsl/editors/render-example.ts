// Writes editors/grpo-arithmetic.svg: the GRPO example highlighted by Shiki with the recipe
// grammar, for the README. test/grammar-shiki.test.ts fails when it is out of date; rerun
// `npm run render:example -w @sous/dsl` after changing the grammar or the example.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recipeHighlighter, recipeSvg } from './highlight.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXAMPLE = path.join(here, '..', '..', 'examples', 'grpo-arithmetic.recipe');
export const EXAMPLE_SVG = path.join(here, 'grpo-arithmetic.svg');

export async function renderExample(): Promise<string> {
  const highlighter = await recipeHighlighter();
  try {
    return recipeSvg(highlighter, fs.readFileSync(EXAMPLE, 'utf8'));
  } finally {
    highlighter.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(EXAMPLE_SVG, await renderExample());
  console.log(`wrote ${path.relative(process.cwd(), EXAMPLE_SVG)}`);
}
