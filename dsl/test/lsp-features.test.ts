// The language server's features, in-process on the fixture registry: completion, hover,
// definition, symbols, formatting, semantic tokens, diagnostics and quick fixes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompletionItemKind, SymbolKind, type CompletionItem } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { format } from '../src/index.js';
import { complete } from '../src/lsp/completion.js';
import { definition } from '../src/lsp/definition.js';
import { quickFixes, toLspDiagnostic } from '../src/lsp/diagnostics.js';
import { formatDocument } from '../src/lsp/formatting.js';
import { hover } from '../src/lsp/hover.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../src/lsp/semantic-tokens.js';
import { documentSymbols } from '../src/lsp/symbols.js';
import { analysed, HEADER } from './lsp-helpers.js';

const TOP = `${HEADER}task   = tasks.arithmetic(digits: 2)
policy = models.gpt(vocab: task.vocab)
`;
/** A stage with rollouts bound; the test line goes where `<line>` is. */
const STAGE = `${TOP}stage grpo {
  steps 10
  rollouts = samplers.group(policy, samplers.prompts(task.train))
  <line>
}
`;
const inStage = (line: string) => STAGE.replace('<line>', line);

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
  assert.equal(labels(items).slice(0, 2), ['rewards.exact_answer', 'rewards.overlong_penalty']);
  assert.ok(labels(items).includes('objectives.clipped_pg'), 'other nodes still listed, after');
  assert.ok(labels(items).includes('rollouts'), 'bindings in scope listed');
  assert.not.ok(labels(items).includes('reward'), 'not the binding being defined');
  assert.match(items[0].detail!, '@sous/rewards@0.1.0');
});

test('after `loss =` in a stage the Loss nodes come first; after `adv =` the advantages', async () => {
  const loss = await completions(inStage('loss = |'));
  const losses = loss.filter((i) => i.detail?.includes('→ Loss'));
  assert.ok(losses.length >= 4);
  assert.equal(labels(loss).slice(0, losses.length).sort(), labels(losses).sort());
  const adv = await completions(inStage('adv = objectives.|'));
  assert.equal(labels(adv).slice(0, 2), ['group_norm', 'rloo']);
});

test('after `namespace.` only that namespace\'s nodes, with docs', async () => {
  const items = await completions(inStage('r = rewards.ex|'));
  assert.equal(labels(items), ['exact_answer', 'overlong_penalty']);
  assert.is(items[0].kind, CompletionItemKind.Function);
  assert.match(markdownOf(items[0].documentation), "The task's verifier");
});

test('after `binding.` the members of its type', async () => {
  const items = await completions(`${TOP}x = task.|\n`);
  assert.equal(labels(items), ['test', 'train', 'vocab']);
  assert.is(items.find((i) => i.label === 'vocab')!.detail, 'Tokenizer');
});

test('inside a call: only the parameters not yet set, each with type, unit and default', async () => {
  const items = await completions(inStage('more = samplers.group(policy, samplers.prompts(task.train), group: 4, |)'));
  assert.equal(labels(items), ['max_new', 'stop', 'temperature', 'top_k', 'top_p']);
  const maxNew = items.find((i) => i.label === 'max_new')!;
  assert.is(maxNew.detail, 'integer, count (steps, epochs, tokens) = 16, >= 1 and <= 4096');
  assert.is(maxNew.insertText, 'max_new: ');
  assert.match(markdownOf(maxNew.documentation), 'Most tokens per completion');
  assert.match(markdownOf(maxNew.documentation), '@sous/samplers@0.1.0');
});

test('a parameter set after the cursor is not offered again', async () => {
  const items = await completions(inStage('more = samplers.group(policy, |, top_k: 3)'));
  assert.not.ok(labels(items).includes('top_k'));
  assert.ok(labels(items).includes('prompts'), 'the open input port is offered by name');
});

test('at a positional argument: bindings of the port\'s type first, then the names', async () => {
  const items = await completions(inStage('more = samplers.group(|)'));
  assert.is(items[0].label, 'policy');
  assert.ok(labels(items).includes('group'));
  assert.ok(labels(items).includes('prompts'));
});

test('the value of an enum parameter: its values; of a built-in optimizer\'s setting: the optimizers', async () => {
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
  assert.ok(items.slice(0, 3).every((i) => i.detail?.startsWith('eval →')), labels(items).slice(0, 3).join());
});

test('no completion inside a comment, a string or a number', async () => {
  assert.equal(await completions(`${TOP}# rewards.|\n`), []);
  assert.equal(await completions(`${TOP}x = tasks.arithmetic(ops: "+|")\n`), []);
  assert.equal(await completions(`${TOP}seed 1|\n`), []);
});

// ---- hover -------------------------------------------------------------------------------

test('hover on a parameter: doc, type, default, range and the declaring package@version', async () => {
  const { analysis, offset } = await analysed(inStage('more = samplers.group(policy, samplers.prompts(task.train), tempe|rature: 0.5)'));
  const result = hover(analysis, offset)!;
  const text = markdownOf(result.contents);
  for (const part of ['**temperature**: number', 'default: `1`', '>= 0 and <= 10', 'Softmax temperature', 'samplers.group', '@sous/samplers@0.1.0']) {
    assert.match(text, part);
  }
  const line = analysis.document.getText().split('\n').findIndex((l) => l.includes('more ='));
  const column = analysis.document.getText().split('\n')[line].indexOf('temperature');
  assert.equal(result.range, { start: { line, character: column }, end: { line, character: column + 'temperature'.length } });
});

test('hover on a node: its doc, inputs, parameters and package', async () => {
  const { analysis, offset } = await analysed(inStage('r = rewards.exact_an|swer(rollouts, task)'));
  const text = markdownOf(hover(analysis, offset)!.contents);
  for (const part of ['**rewards.exact_answer** (reward) → `Rewards`', "The task's verifier", '`rollouts`: Rollouts input', '`incorrect`: number = 0', '@sous/rewards@0.1.0']) {
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

// ---- definition and symbols ------------------------------------------------------------------

test('go to definition: a reference jumps to its binding\'s name, a namespace to its use line', async () => {
  const { analysis, offset } = await analysed(inStage('x = objectives.nll(pol|icy, b)'));
  const lines = analysis.document.getText().split('\n');
  const policyLine = lines.findIndex((l) => l.startsWith('policy ='));
  assert.equal(definition(analysis, offset), {
    uri: analysis.document.uri,
    range: { start: { line: policyLine, character: 0 }, end: { line: policyLine, character: 6 } },
  });
  const ns = await analysed(inStage('x = samp|lers.group(policy)'));
  const useLine = lines.findIndex((l) => l === 'use "@sous/samplers"');
  assert.equal(definition(ns.analysis, ns.offset)!.range.start, { line: useLine, character: 0 });
  const stageRef = await analysed(inStage('loss = objectives.nll(policy, roll|outs)'));
  const rolloutsLine = lines.findIndex((l) => l.includes('rollouts ='));
  assert.equal(definition(stageRef.analysis, stageRef.offset)!.range.start, { line: rolloutsLine, character: 2 });
});

test('a cursor just after a name still finds it', async () => {
  const { analysis, offset } = await analysed(inStage('x = objectives.nll(policy|, b)'));
  assert.ok(definition(analysis, offset));
});

test('document symbols: uses, settings, bindings, and stages with their settings, bindings and evals', async () => {
  const { analysis } = await analysed(`${TOP}seed 3\nstage grpo {\n  steps 10\n  r = rewards.exact_answer(x, task)\n  eval every 5 { acc = objectives.accuracy(policy, task.test) }\n}\n`);
  const symbols = documentSymbols(analysis);
  const names = symbols.map((s) => `${s.name}:${s.kind}`);
  assert.equal(names, [
    '@sous/tasks:2', '@sous/models:2', '@sous/samplers:2', '@sous/rewards:2', '@sous/objectives:2',
    'task:13', 'policy:13', 'seed:7', 'grpo:3',
  ]);
  const stage = symbols.at(-1)!;
  assert.is(stage.kind, SymbolKind.Namespace);
  assert.equal(stage.children!.map((s) => s.name), ['steps', 'r', 'eval every 5']);
  assert.equal(stage.children![2].children!.map((s) => s.name), ['acc']);
  assert.is(symbols.find((s) => s.name === 'task')!.detail, 'Task');
});

// ---- formatting ------------------------------------------------------------------------------

test('formatting gives exactly the formatter\'s output; nothing for a formatted or broken document', async () => {
  const messy = `sous 1\nrecipe   "t"\nuse "@sous/tasks"\ntask=tasks.arithmetic( digits:2 )  # keep\n\n\n\nseed   3\n`;
  const document = TextDocument.create('file:///w/x.recipe', 'recipe', 1, messy);
  const edits = formatDocument(document, '/w/x.recipe');
  assert.is(TextDocument.applyEdits(document, edits), format(messy));
  assert.is.not(format(messy), messy);
  const clean = TextDocument.create('file:///w/y.recipe', 'recipe', 1, format(messy));
  assert.equal(formatDocument(clean, '/w/y.recipe'), []);
  const broken = TextDocument.create('file:///w/z.recipe', 'recipe', 1, 'x = (\n');
  assert.equal(formatDocument(broken, '/w/z.recipe'), []);
});

// ---- semantic tokens -------------------------------------------------------------------------

test('semantic tokens classify names by what they resolve to', async () => {
  const { analysis } = await analysed(inStage('loss = objectives.nll(policy, samplers.dataset(task.train, size: 4))'));
  const { data } = semanticTokens(analysis);
  const lines = analysis.document.getText().split('\n');
  const decoded: string[] = [];
  let line = 0, character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const type = SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]];
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    decoded.push(`${lines[line].slice(character, character + data[i + 2])}:${[type, ...modifiers].join('.')}`);
  }
  const start = decoded.indexOf('loss:variable.declaration');
  assert.equal(decoded.slice(start, start + 11), [
    'loss:variable.declaration', '=:operator', 'objectives:namespace', 'nll:function', 'policy:variable',
    'samplers:namespace', 'dataset:function', 'task:variable', 'train:property', 'size:parameter', '4:number',
  ]);
  assert.ok(decoded.includes('sous:keyword'));
  assert.ok(decoded.includes('"@sous/tasks":string'));
  assert.ok(decoded.includes('steps:property.defaultLibrary'));
  assert.ok(decoded.includes('grpo:type.declaration'));
});

// ---- diagnostics -----------------------------------------------------------------------------

test('diagnostics: exact UTF-16 range after an emoji, code, source and the quick fix', async () => {
  const { analysis } = await analysed(`${TOP}# 🍲 soup first\nx = rewards.exact_answr(policy, task)  # 🍲\n`);
  const [diagnostic] = analysis.diagnostics.map((d) => toLspDiagnostic(d, analysis.document));
  const line = analysis.document.getText().split('\n').findIndex((l) => l.startsWith('x ='));
  assert.equal(diagnostic.range, { start: { line, character: 4 }, end: { line, character: 23 } });
  assert.is(diagnostic.code, 'R0202');
  assert.is(diagnostic.source, 'recipe');
  assert.match(diagnostic.message as string, 'did you mean "rewards.exact_answer"?');
  const [fix] = quickFixes(analysis.document.uri, [diagnostic]);
  const fixed = TextDocument.applyEdits(analysis.document, fix.edit!.changes![analysis.document.uri]);
  assert.match(fixed, 'x = rewards.exact_answer(policy, task)');
});

test('an emoji on the error\'s own line, before it, counts as two UTF-16 units', async () => {
  const { analysis } = await analysed(`${TOP}x = tasks.arithmetic(ops: "🍲", digitz: 2)\n`);
  const [diagnostic] = analysis.diagnostics.map((d) => toLspDiagnostic(d, analysis.document));
  const text = analysis.document.getText().split('\n');
  const line = text.findIndex((l) => l.startsWith('x ='));
  assert.is(text[line].indexOf('digitz'), 32, 'the emoji is two code units: JS indices are UTF-16');
  assert.equal(diagnostic.range.start, { line, character: 32 });
  assert.is(diagnostic.code, 'R0205');
});

test.run();
