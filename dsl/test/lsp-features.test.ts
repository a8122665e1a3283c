// The language server's features, in-process on the fixture registry: definition, symbols,
// formatting, semantic tokens, diagnostics and quick fixes. Completion and hover, which show the
// plugins' own words, are tested on the real plugins in packages/cli/test/lsp-features.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { format } from '../src/index.js';
import { definition } from '../src/lsp/definition.js';
import { quickFixes, toLspDiagnostic } from '../src/lsp/diagnostics.js';
import { formatDocument } from '../src/lsp/formatting.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../src/lsp/semantic-tokens.js';
import { documentSymbols } from '../src/lsp/symbols.js';
import { analysed, inStage, TOP } from './lsp-helpers.js';

// ---- definition and symbols ------------------------------------------------------------------

test("go to definition: a reference jumps to its binding's name, a namespace to its use line", async () => {
  const { analysis, offset } = await analysed(inStage('x = objectives.nll(pol|icy, b)'));
  const lines = analysis.document.getText().split('\n');
  const policyLine = lines.findIndex((l) => l.startsWith('policy ='));
  assert.equal(definition(analysis, offset), {
    uri: analysis.document.uri,
    range: { start: { line: policyLine, character: 0 }, end: { line: policyLine, character: 6 } },
  });
  const ns = await analysed(inStage('x = samp|lers.group(policy)'));
  const useLine = lines.indexOf('use "@sous/samplers"');
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
  const { analysis } = await analysed(
    `${TOP}seed 3\nstage grpo {\n  steps 10\n  r = rewards.exact_answer(x, task)\n  eval every 5 { acc = objectives.accuracy(policy, task.test) }\n}\n`,
  );
  const symbols = documentSymbols(analysis);
  const names = symbols.map((s) => `${s.name}:${s.kind}`);
  assert.equal(names, [
    '@sous/tasks:2',
    '@sous/models:2',
    '@sous/samplers:2',
    '@sous/rewards:2',
    '@sous/objectives:2',
    'task:13',
    'policy:13',
    'seed:7',
    'grpo:3',
  ]);
  const stage = symbols.at(-1)!;
  assert.is(stage.kind, SymbolKind.Namespace);
  assert.equal(
    stage.children!.map((s) => s.name),
    ['steps', 'r', 'eval every 5'],
  );
  assert.equal(
    stage.children![2].children!.map((s) => s.name),
    ['acc'],
  );
  assert.is(symbols.find((s) => s.name === 'task')!.detail, 'Task');
});

// ---- formatting ------------------------------------------------------------------------------

test("formatting gives exactly the formatter's output; nothing for a formatted or broken document", async () => {
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
  let line = 0,
    character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const type = SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]];
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    decoded.push(`${lines[line].slice(character, character + data[i + 2])}:${[type, ...modifiers].join('.')}`);
  }
  const start = decoded.indexOf('loss:variable.declaration');
  assert.equal(decoded.slice(start, start + 11), [
    'loss:variable.declaration',
    '=:operator',
    'objectives:namespace',
    'nll:function',
    'policy:variable',
    'samplers:namespace',
    'dataset:function',
    'task:variable',
    'train:property',
    'size:parameter',
    '4:number',
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
  const line = analysis.document
    .getText()
    .split('\n')
    .findIndex((l) => l.startsWith('x ='));
  assert.equal(diagnostic.range, { start: { line, character: 4 }, end: { line, character: 23 } });
  assert.is(diagnostic.code, 'R0202');
  assert.is(diagnostic.source, 'recipe');
  assert.match(diagnostic.message as string, 'did you mean "rewards.exact_answer"?');
  const [fix] = quickFixes(analysis.document.uri, [diagnostic]);
  const fixed = TextDocument.applyEdits(analysis.document, fix.edit!.changes![analysis.document.uri]);
  assert.match(fixed, 'x = rewards.exact_answer(policy, task)');
});

test("an emoji on the error's own line, before it, counts as two UTF-16 units", async () => {
  const { analysis } = await analysed(`${TOP}x = tasks.arithmetic(ops: "🍲", digitz: 2)\n`);
  const [diagnostic] = analysis.diagnostics.map((d) => toLspDiagnostic(d, analysis.document));
  const text = analysis.document.getText().split('\n');
  const line = text.findIndex((l) => l.startsWith('x ='));
  assert.is(text[line].indexOf('digitz'), 32, 'the emoji is two code units: JS indices are UTF-16');
  assert.equal(diagnostic.range.start, { line, character: 32 });
  assert.is(diagnostic.code, 'R0205');
});

test.run();
