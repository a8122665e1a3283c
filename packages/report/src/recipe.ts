// The recipe as the report shows it: numbered lines, coloured by recipe-highlight.ts.
import { escapeHtml } from './html.js';
import type { RecipeToken } from './recipe-highlight.js';

function tokenHtml(token: RecipeToken): string {
  const style = [
    token.color && `color:${token.color}`,
    token.italic && 'font-style:italic',
    token.bold && 'font-weight:600',
  ]
    .filter(Boolean)
    .join(';');
  return style ? `<span style="${style}">${escapeHtml(token.text)}</span>` : escapeHtml(token.text);
}

export function recipeHtml(lines: RecipeToken[][]): string {
  return `<pre class="recipe"><code>${lines.map((line) => `<span class="line">${line.map(tokenHtml).join('')}</span>`).join('')}</code></pre>`;
}
