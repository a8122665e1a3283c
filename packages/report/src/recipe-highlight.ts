// Colours for the recipe shown in a report: the project's TextMate grammar (the one the editor
// extension ships, dsl/editors/vscode/syntaxes/) applied by Shiki. Where the grammar is not
// there (a package installed without the editor files) the recipe is shown plain.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { bundledThemes } from 'shiki/themes';

export interface RecipeToken {
  text: string;
  /** CSS colour; none for plain text. */
  color?: string;
  italic?: boolean;
  bold?: boolean;
}

const THEME = 'github-light';
const ITALIC = 1,
  BOLD = 2; // Shiki's FontStyle bits

/** The grammar file beside @sous/dsl's sources (src/ or dist/ sit one level below the root). */
function grammarFile(): string | undefined {
  try {
    const file = fileURLToPath(import.meta.resolve('@sous/dsl/grammar.json'));
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

let highlighter: Promise<HighlighterCore | undefined> | undefined;

function loadHighlighter(): Promise<HighlighterCore | undefined> {
  highlighter ??= (async (): Promise<HighlighterCore | undefined> => {
    const file = grammarFile();
    if (!file) return undefined;
    const grammar = JSON.parse(fs.readFileSync(file, 'utf8'));
    return createHighlighterCore({
      themes: [bundledThemes[THEME]()],
      langs: [{ ...grammar, name: 'recipe' }],
      engine: createOnigurumaEngine(import('shiki/wasm')),
    });
  })().catch(() => undefined); // a broken grammar file must not stop the report
  return highlighter;
}

/** The recipe as lines of tokens, coloured when the grammar is available. */
export async function recipeTokens(text: string): Promise<RecipeToken[][]> {
  const lines = text.replace(/\n$/, '').split('\n');
  const shiki = await loadHighlighter();
  if (!shiki) return lines.map((line) => [{ text: line }]);
  return shiki.codeToTokens(lines.join('\n'), { lang: 'recipe', theme: THEME }).tokens.map((line) =>
    line.map((t) => ({
      text: t.content,
      color: t.color,
      italic: Boolean((t.fontStyle ?? 0) & ITALIC) || undefined,
      bold: Boolean((t.fontStyle ?? 0) & BOLD) || undefined,
    })),
  );
}
