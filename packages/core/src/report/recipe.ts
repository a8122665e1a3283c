// The recipe as the report shows it: numbered lines of plain text. Syntax colouring with the
// project's TextMate grammar (through Shiki) belongs here once the editors package ships it.
import { escapeHtml } from './html.js';

export function recipeHtml(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `<pre class="recipe"><code>${lines.map((line) => `<span class="line">${escapeHtml(line)}</span>`).join('')}</code></pre>`;
}
