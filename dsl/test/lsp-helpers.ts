// Test helpers for the language server's features, run in-process on the fixture registry: a
// document with a `|` marking the cursor, analysed as the server would.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, RegistryCache, type Analysis } from '../src/lsp/analysis.js';
import { fixtureRegistry } from './fixtures/registry.js';

export const registries = new RegistryCache(async () => fixtureRegistry, (message) => { throw new Error(message); });

export const HEADER = `sous 1
recipe "t"
use "@sous/tasks"
use "@sous/models"
use "@sous/samplers"
use "@sous/rewards"
use "@sous/objectives"
`;

/** The analysis of `text` (its `|` removed) and the cursor's offset. */
export async function analysed(text: string, uri = 'file:///work/test.recipe'): Promise<{ analysis: Analysis; offset: number }> {
  const offset = text.indexOf('|');
  const source = offset < 0 ? text : text.slice(0, offset) + text.slice(offset + 1);
  const analysis = await analyse(TextDocument.create(uri, 'recipe', 1, source), registries);
  return { analysis, offset };
}
