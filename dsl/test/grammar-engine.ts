// The TextMate grammar run by VS Code's own engine (vscode-textmate on vscode-oniguruma), headless:
// the grammar tests tokenize recipes with it exactly as the editor would.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const EXTENSION_DIR = path.join(here, '..', 'editors', 'vscode');
export const GRAMMAR_PATH = path.join(EXTENSION_DIR, 'syntaxes', 'recipe.tmLanguage.json');
export const EXAMPLES_DIR = path.join(here, '..', '..', 'examples');
export const ROOT_SCOPE = 'source.recipe';

export function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.recipe'))
    .sort()
    .map((f) => path.join(EXAMPLES_DIR, f));
}

/** One token of one line: [start, end) in UTF-16 units of that line, and its scope stack. */
export interface LineToken {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    await oniguruma.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: oniguruma.createOnigScanner,
        createOnigString: oniguruma.createOnigString,
      }),
      loadGrammar: async (scopeName) =>
        scopeName === ROOT_SCOPE ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const loaded = await registry.loadGrammar(ROOT_SCOPE);
    if (!loaded) throw new Error(`grammar ${ROOT_SCOPE} did not load from ${GRAMMAR_PATH}`);
    return loaded;
  })();
  return grammar;
}

/** Every token of `source`, line by line (lines 0-based), carrying the rule stack across lines. */
export async function tokenize(source: string): Promise<LineToken[]> {
  const g = await loadGrammar();
  const tokens: LineToken[] = [];
  let stack = textmate.INITIAL;
  source.split(/\r\n|\r|\n/).forEach((text, line) => {
    const result = g.tokenizeLine(text, stack);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, text.length);
      if (end > t.startIndex)
        tokens.push({ line, start: t.startIndex, end, text: text.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the token under the first character of `needle` on the 0-based `line`
 * (or of its `occurrence`-th appearance there). */
export function scopesAt(tokens: LineToken[], source: string, line: number, needle: string, occurrence = 1): string[] {
  const text = source.split('\n')[line];
  let column = -1;
  for (let i = 0; i < occurrence; i++) column = text.indexOf(needle, column + 1);
  if (column < 0) throw new Error(`"${needle}" not found ${occurrence} time(s) on line ${line}: ${text}`);
  const token = tokens.find((t) => t.line === line && t.start <= column && column < t.end);
  if (!token) throw new Error(`no token at ${line}:${column}`);
  return token.scopes;
}
