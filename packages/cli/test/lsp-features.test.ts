// The language server's completion and hover, in-process on the real first-party plugins loaded
// as `sous lsp` loads them (a RegistryCache over @sous/runtime's loadRegistry): what an editor shows
// for each node, parameter and binding. Definition, symbols, formatting, semantic tokens and
// diagnostics are dsl/test/lsp-features.test.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-protocol';
import { loadRegistry } from '@sous/runtime';
import { RegistryCache, complete, hover } from '@sous/dsl/lsp';
import { analysed as analysedWith, inStage, TOP } from '../../../dsl/test/lsp-helpers.js';

// Not written to disk: the text is the document's, the folder is where plugins resolve from.
const uri = pathToFileURL(
  path.join(fileURLToPath(new URL('../../..', import.meta.url)), 'examples', 'lsp-features.recipe'),
).href;
const registries = new RegistryCache(loadRegistry, (message) => {
  throw new Error(message);
});
const FIRST_PARTY = ['@sous/tasks', '@sous/models', '@sous/samplers', '@sous/rewards', '@sous/objectives'];
/** `namespace.name` of the real nodes of a kind, sorted: what completion should put first. */
async function realNodesOfKind(kind: string): Promise<string[]> {
  const registry = await loadRegistry(FIRST_PARTY, fileURLToPath(new URL('.', uri)));
  return registry
    .plugins()
    .flatMap((p) => p.nodes)
    .filter((n) => n.kind === kind)
    .map((n) => `${n.namespace}.${n.name}`)
    .sort();
}

/** The analysis of `text` (its `|` removed) on the real plugins, and the cursor's offset. */
const analysed = (text: string) => analysedWith(text, uri, registries);

/** Items in the order an editor shows them (sortText, then label). */
async function completions(text: string): Promise<CompletionItem[]> {
  const { analysis, offset } = await analysed(text);
  return complete(analysis, offset).sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const markdownOf = (value: unknown) => (value as { value: string }).value;

// ---- completion ----------------------------------------------------------------------------

test('after `reward =` the reward nodes of the imported plugins come first', async () => {
  const items = await completions(inStage('reward = |'));
  const rewards = await realNodesOfKind('reward');
  assert.ok(rewards.includes('rewards.exact_answer') && rewards.includes('rewards.overlong'));
  assert.equal(labels(items).slice(0, rewards.length), rewards);
  assert.ok(labels(items).includes('objectives.clipped_pg'), 'other nodes still listed, after');
  assert.ok(labels(items).includes('rollouts'), 'bindings in scope listed');
  assert.not.ok(labels(items).includes('reward'), 'not the binding being defined');
  assert.is(items.find((i) => i.label === 'rewards.exact_answer')!.detail, 'reward → Rewards · @sous/rewards@0.1.0');
});

test('after `loss =` in a stage the Loss nodes come first; after `adv =` the advantages', async () => {
  const loss = await completions(inStage('loss = |'));
  const losses = loss.filter((i) => i.detail?.includes('→ Loss'));
  assert.ok(losses.length >= 4);
  assert.equal(labels(loss).slice(0, losses.length).sort(), labels(losses).sort());
  const adv = await completions(inStage('adv = objectives.|'));
  const advantages = (await realNodesOfKind('advantage')).map((name) => name.replace('objectives.', ''));
  assert.ok(advantages.includes('group_norm') && advantages.includes('rloo'));
  assert.equal(labels(adv).slice(0, advantages.length), advantages);
});

test("after `namespace.` only that namespace's nodes, with docs", async () => {
  const items = await completions(inStage('r = rewards.ex|'));
  assert.equal(
    labels(items),
    (await realNodesOfKind('reward')).filter((n) => n.startsWith('rewards.')).map((n) => n.slice('rewards.'.length)),
  );
  const exact = items.find((i) => i.label === 'exact_answer')!;
  assert.is(exact.kind, CompletionItemKind.Function);
  assert.match(markdownOf(exact.documentation), "`correct` when the task's verifier accepts the completion text");
});

test('after `binding.` the members of its type', async () => {
  const items = await completions(`${TOP}x = task.|\n`);
  assert.equal(labels(items), ['test', 'train', 'vocab']);
  assert.is(items.find((i) => i.label === 'vocab')!.detail, 'Tokenizer');
});

test('inside a call: only the parameters not yet set, each with type, default and range', async () => {
  const items = await completions(inStage('more = samplers.group(policy, samplers.prompts(task.train), group: 4, |)'));
  assert.equal(labels(items), ['grammar', 'max_new', 'stop', 'temperature', 'top_k', 'top_p']);
  const maxNew = items.find((i) => i.label === 'max_new')!;
  assert.is(maxNew.detail, 'integer = 16, >= 1 and <= 4096');
  assert.is(maxNew.insertText, 'max_new: ');
  assert.match(markdownOf(maxNew.documentation), 'Most tokens per completion');
  assert.match(markdownOf(maxNew.documentation), '@sous/samplers@0.1.0');
});

test('a parameter set after the cursor is not offered again', async () => {
  const items = await completions(inStage('more = samplers.group(policy, |, top_k: 3)'));
  assert.not.ok(labels(items).includes('top_k'));
  assert.ok(labels(items).includes('prompts'), 'the open input port is offered by name');
});

test("at a positional argument: bindings of the port's type first, then the names", async () => {
  const items = await completions(inStage('more = samplers.group(|)'));
  assert.is(items[0].label, 'policy');
  assert.ok(labels(items).includes('group'));
  assert.ok(labels(items).includes('prompts'));
});

test('a built-in with a quantity parameter: its unit in the detail', async () => {
  const items = await completions(inStage('schedule cosine(|)'));
  assert.is(items.find((i) => i.label === 'warmup')!.detail, 'integer, count (steps, epochs, tokens) = 0, >= 0');
});

test("an optimizer's arguments: a list with its length and bounds, sgd's weight decay", async () => {
  const adam = await completions(inStage('optimizer adam(lr: 1e-3, |)'));
  assert.is(adam.find((i) => i.label === 'betas')!.detail, 'list of number (2 items) = [0.9, 0.999], >= 0 and < 1');
  const sgd = await completions(inStage('optimizer sgd(lr: 0.1, |)'));
  assert.is(sgd.find((i) => i.label === 'weight_decay')!.detail, 'number = 0, >= 0');
});

test("the value of an enum parameter: its values; of a built-in optimizer's setting: the optimizers", async () => {
  const values = await completions(inStage('k = objectives.kl(policy, estimator: |)'));
  assert.equal(labels(values), ['"k1"', '"k2"', '"k3"', '"low_var"']);
  assert.is(values.find((i) => i.label === '"k3"')!.detail, 'default');
  assert.equal(labels(await completions(inStage('optimizer a|'))), ['adam', 'adamw', 'sgd']);
  assert.equal(labels(await completions(inStage('schedule |'))), ['constant', 'cosine', 'linear', 'warmup']);
});

test('a stage statement offers the stage settings and `eval every`; the top level its own', async () => {
  const stage = labels(await completions(inStage('|')));
  assert.ok(['steps', 'optimizer', 'schedule', 'eval every'].every((s) => stage.includes(s)));
  assert.not.ok(stage.includes('seed'));
  const top = labels(await completions(`${TOP}|\n`));
  assert.ok(['seed', 'stage', 'use'].every((s) => top.includes(s)));
  assert.not.ok(top.includes('steps'));
});

test('a call exploded over several lines is still one call', async () => {
  const items = labels(await completions(inStage('more = samplers.group(\n    policy,\n    group: 4,\n    |\n  )')));
  assert.ok(items.includes('max_new'));
  assert.not.ok(items.includes('group'));
});

test('after `eval` comes `every`; inside an eval block the eval nodes come first', async () => {
  assert.equal(labels(await completions(inStage('eval |'))), ['every']);
  const items = await completions(inStage('eval every 5 {\n    |\n  }'));
  assert.ok(items.length > 2);
  assert.ok(
    items.slice(0, 3).every((i) => i.detail?.startsWith('eval →')),
    labels(items).slice(0, 3).join(),
  );
});

test('no completion inside a comment, a string or a number', async () => {
  assert.equal(await completions(`${TOP}# rewards.|\n`), []);
  assert.equal(await completions(`${TOP}x = tasks.arithmetic(ops: "+|")\n`), []);
  assert.equal(await completions(`${TOP}seed 1|\n`), []);
});

// ---- hover -------------------------------------------------------------------------------

test('hover on a parameter: doc, type, default, range and the declaring package@version', async () => {
  const { analysis, offset } = await analysed(
    inStage('more = samplers.group(policy, samplers.prompts(task.train), tempe|rature: 0.5)'),
  );
  const result = hover(analysis, offset)!;
  const text = markdownOf(result.contents);
  for (const part of [
    '**temperature**: number',
    'default: `1`',
    '>= 0 and <= 10',
    'Softmax temperature',
    'samplers.group',
    '@sous/samplers@0.1.0',
  ]) {
    assert.match(text, part);
  }
  const line = analysis.document
    .getText()
    .split('\n')
    .findIndex((l) => l.includes('more ='));
  const column = analysis.document.getText().split('\n')[line].indexOf('temperature');
  assert.equal(result.range, {
    start: { line, character: column },
    end: { line, character: column + 'temperature'.length },
  });
});

test('hover on a node: its doc, inputs, parameters and package', async () => {
  const { analysis, offset } = await analysed(inStage('r = rewards.exact_an|swer(rollouts, task)'));
  const text = markdownOf(hover(analysis, offset)!.contents);
  for (const part of [
    '**rewards.exact_answer** (reward) → `Rewards`',
    "Verifiable reward: `correct` when the task's verifier accepts",
    '`rollouts`: Rollouts input',
    '`wrong`: number = 0',
    '@sous/rewards@0.1.0',
  ]) {
    assert.match(text, part);
  }
});

test('hover on a binding, a namespace, a setting and a built-in', async () => {
  const at = async (line: string) => {
    const { analysis, offset } = await analysed(inStage(line));
    return markdownOf(hover(analysis, offset)!.contents);
  };
  assert.match(await at('x = objectives.nll(pol|icy, b)'), 'policy = models.gpt(vocab: task.vocab)');
  assert.match(await at('x = objectives.nll(pol|icy, b)'), 'type: `Model`');
  assert.match(await at('x = object|ives.nll(policy, b)'), 'namespace of `@sous/objectives@0.1.0`');
  assert.match(await at('clip_grad_|norm 1.0'), 'Rescale gradients');
  assert.match(await at('optimizer ada|mw(lr: 1e-3)'), 'Adam with decoupled weight decay');
  assert.match(await at('x = task.vo|cab'), '**vocab**: `Tokenizer`');
});

test('no hover on a number or on an unknown name', async () => {
  const { analysis, offset } = await analysed(`${TOP}seed 4|2\n`);
  assert.is(hover(analysis, offset), null);
  const unknown = await analysed(`${TOP}x = noth|ing\n`);
  assert.is(hover(unknown.analysis, unknown.offset), null);
});

test.run();
