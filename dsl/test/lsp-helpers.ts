// Test helpers for the language server's features, run in-process (on the fixture registry unless
// given another, as packages/cli/test/lsp-features.test.ts gives the real plugins): a document with
// a `|` marking the cursor, analysed as the server would.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, RegistryCache, type Analysis } from '../src/lsp/analysis.js';
import { fixtureRegistry } from './fixtures/registry.js';

export const registries = new RegistryCache(
  async () => fixtureRegistry,
  (message) => {
    throw new Error(message);
  },
);

export const HEADER = `sous 1
recipe "t"
use "@sous/tasks"
use "@sous/models"
use "@sous/samplers"
use "@sous/rewards"
use "@sous/objectives"
`;

/** A top level that binds a task and a policy. */
export const TOP = `${HEADER}task   = tasks.arithmetic(digits: 2)
policy = models.gpt(vocab: task.vocab)
`;
/** A stage with rollouts bound; the test line goes where `<line>` is. */
const STAGE = `${TOP}stage grpo {
  steps 10
  rollouts = samplers.group(policy, samplers.prompts(task.train))
  <line>
}
`;
export const inStage = (line: string) => STAGE.replace('<line>', line);

/** The analysis of `text` (its `|` removed) and the cursor's offset. */
export async function analysed(
  text: string,
  uri = 'file:///work/test.recipe',
  cache = registries,
): Promise<{ analysis: Analysis; offset: number }> {
  const offset = text.indexOf('|');
  const source = offset < 0 ? text : text.slice(0, offset) + text.slice(offset + 1);
  const analysis = await analyse(TextDocument.create(uri, 'recipe', 1, source), cache);
  return { analysis, offset };
}
