// Shiki with the recipe TextMate grammar (on the Oniguruma engine, as VS Code runs it), and a
// small SVG renderer for Shiki's tokens: an SVG shows its colours in a README, where GitHub strips
// the inline styles of HTML.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration, type ThemedToken } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GRAMMAR_FILE = path.join(here, 'vscode', 'syntaxes', 'recipe.tmLanguage.json');
export const THEME = 'github-light';

export function recipeHighlighter(): Promise<HighlighterCore> {
  const grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as LanguageRegistration;
  return createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs')],
    langs: [grammar],
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
}

const FONT_SIZE = 14;
const LINE_HEIGHT = 20;
/** Advance of one character of a monospace font at FONT_SIZE (0.6 em). */
const CHAR_WIDTH = 8.4;
const PADDING = 16;
const ITALIC = 1;
const BOLD = 2;

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function tspan(token: ThemedToken): string {
  const style = token.fontStyle ?? 0;
  const attributes = [
    `fill="${token.color ?? 'currentColor'}"`,
    ...(style & ITALIC ? ['font-style="italic"'] : []),
    ...(style & BOLD ? ['font-weight="bold"'] : []),
  ];
  return `<tspan ${attributes.join(' ')}>${escapeXml(token.content)}</tspan>`;
}

/** `code` highlighted as a standalone SVG image (one `<text>` per line, one `<tspan>` per token). */
export function recipeSvg(highlighter: HighlighterCore, code: string): string {
  const { tokens, bg } = highlighter.codeToTokens(code.replace(/\n$/, ''), { lang: 'recipe', theme: THEME });
  const columns = Math.max(...tokens.map((line) => line.reduce((n, t) => n + t.content.length, 0)));
  const width = Math.ceil(columns * CHAR_WIDTH + 2 * PADDING);
  const height = tokens.length * LINE_HEIGHT + 2 * PADDING;
  const lines = tokens.map((line, i) => {
    const y = PADDING + (i + 1) * LINE_HEIGHT - 5;
    return `  <text x="${PADDING}" y="${y}" xml:space="preserve">${line.map(tspan).join('')}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    `  <rect width="100%" height="100%" rx="6" fill="${bg ?? '#ffffff'}"/>`,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}
