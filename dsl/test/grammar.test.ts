// The TextMate grammar (editors/vscode/syntaxes/recipe.tmLanguage.json), run by vscode-textmate:
// every example is fully matched, chosen positions get the expected scopes, and its keyword and
// unit lists equal the lexer's.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KEYWORDS, RESERVED_KEYWORDS, UNITS } from '../src/index.js';
import { EXTENSION_DIR, GRAMMAR_PATH, ROOT_SCOPE, exampleFiles, scopesAt, tokenize } from './grammar-engine.js';

const grammarJson = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

test('the examples exist (the loop below is not vacuous)', () => {
  assert.ok(exampleFiles().length >= 5);
});

test('every example: no non-space character is left with only the root scope, none is invalid', async () => {
  for (const file of exampleFiles()) {
    const source = fs.readFileSync(file, 'utf8');
    for (const token of await tokenize(source)) {
      const where = `${path.basename(file)}:${token.line + 1}:${token.start + 1} "${token.text}"`;
      if (token.text.trim() !== '') assert.ok(token.scopes.length > 1, `unmatched text at ${where}`);
      assert.not.ok(
        token.scopes.some((s) => s.startsWith('invalid.')),
        `invalid scope at ${where}: ${token.scopes.join(' ')}`,
      );
    }
  }
});

const SAMPLE = [
  '# a comment', // 0
  'sous 1', // 1
  'recipe "demo"', // 2
  'use "@sous/rewards" as rw', // 3
  'seed 7', // 4
  'task = tasks.arithmetic(digits: 2, ops: "+-\\n")', // 5
  'stage grpo {', // 6
  '  steps 200steps', // 7
  '  optimizer adamw(lr: 3e-4, betas: [0.9, 0.99])', // 8
  '  schedule cosine(warmup: 10%)', // 9
  '  schedule = diffusion.vp(beta_min: 0.1)', // 10
  '  mask = objectives.completion_mask(rollouts) & !objectives.truncated(rollouts)', // 11
  '  loss = objectives.clipped_pg(policy, task.vocab, clip: 0.2) + 0.04 * kl  # why', // 12
  '  eval every 50 { acc = objectives.accuracy(policy, flag: true) }', // 13
  '  sweep 30x "open \\q', // 14
  '}', // 15
].join('\n');

/** [line, text to find, occurrence, the innermost scope expected]. */
const EXPECTED: [number, string, number, string][] = [
  [0, '#', 1, 'punctuation.definition.comment.recipe'],
  [0, 'comment', 1, 'comment.line.number-sign.recipe'],
  [1, 'sous', 1, 'keyword.other.version.recipe'],
  [1, '1', 1, 'constant.numeric.version.recipe'],
  [2, 'recipe', 1, 'storage.type.recipe'],
  [2, 'demo', 1, 'string.quoted.double.recipe'],
  [3, 'use', 1, 'keyword.control.import.recipe'],
  [3, '@sous', 1, 'string.quoted.double.package.recipe'],
  [3, 'as', 1, 'keyword.control.import.recipe'],
  [3, 'rw', 1, 'entity.name.namespace.recipe'],
  [4, 'seed', 1, 'support.variable.setting.recipe'],
  [4, '7', 1, 'constant.numeric.recipe'],
  [5, 'task', 1, 'variable.other.definition.recipe'],
  [5, '=', 1, 'keyword.operator.assignment.recipe'],
  [5, 'tasks', 1, 'entity.name.namespace.recipe'],
  [5, '.', 1, 'punctuation.accessor.recipe'],
  [5, 'arithmetic', 1, 'entity.name.function.node.recipe'],
  [5, '(', 1, 'punctuation.section.parens.begin.recipe'],
  [5, 'digits', 1, 'variable.parameter.recipe'],
  [5, ':', 1, 'punctuation.separator.key-value.recipe'],
  [5, ',', 1, 'punctuation.separator.comma.recipe'],
  [5, '+-', 1, 'string.quoted.double.recipe'],
  [5, '\\n', 1, 'constant.character.escape.recipe'],
  [6, 'stage', 1, 'storage.type.stage.recipe'],
  [6, 'grpo', 1, 'entity.name.section.stage.recipe'],
  [6, '{', 1, 'punctuation.section.block.begin.recipe'],
  [7, 'steps', 1, 'support.variable.setting.recipe'],
  [7, '200', 1, 'constant.numeric.recipe'],
  [7, 'steps', 2, 'keyword.other.unit.recipe'],
  [8, 'optimizer', 1, 'support.variable.setting.recipe'],
  [8, 'adamw', 1, 'support.function.builtin.recipe'],
  [8, '3e-4', 1, 'constant.numeric.recipe'],
  [8, '[', 1, 'punctuation.section.brackets.begin.recipe'],
  [8, '0.99', 1, 'constant.numeric.recipe'],
  [9, 'schedule', 1, 'support.variable.setting.recipe'],
  [9, 'cosine', 1, 'support.function.builtin.recipe'],
  [9, '%', 1, 'keyword.other.unit.recipe'],
  [10, 'schedule', 1, 'variable.other.definition.recipe'],
  [11, '&', 1, 'keyword.operator.logical.recipe'],
  [11, '!', 1, 'keyword.operator.logical.recipe'],
  [11, 'truncated', 1, 'entity.name.function.node.recipe'],
  [11, 'rollouts', 1, 'variable.other.readwrite.recipe'],
  [12, 'task', 1, 'variable.other.readwrite.recipe'],
  [12, 'vocab', 1, 'variable.other.property.recipe'],
  [12, '+', 1, 'keyword.operator.arithmetic.recipe'],
  [12, '*', 1, 'keyword.operator.arithmetic.recipe'],
  [12, 'why', 1, 'comment.line.number-sign.recipe'],
  [13, 'eval', 1, 'keyword.control.eval.recipe'],
  [13, 'every', 1, 'keyword.control.eval.recipe'],
  [13, 'acc', 1, 'variable.other.definition.recipe'],
  [13, 'true', 1, 'constant.language.boolean.recipe'],
  [13, '}', 1, 'punctuation.section.block.end.recipe'],
  [14, 'sweep', 1, 'keyword.other.reserved.recipe'],
  [14, 'x', 1, 'invalid.illegal.unit.recipe'],
  [14, 'open', 1, 'string.quoted.double.recipe'],
  [14, '\\q', 1, 'invalid.illegal.escape.recipe'],
  [15, '}', 1, 'punctuation.section.block.end.recipe'],
];

test('chosen positions get the expected scopes', async () => {
  const tokens = await tokenize(SAMPLE);
  for (const [line, needle, occurrence, scope] of EXPECTED) {
    const scopes = scopesAt(tokens, SAMPLE, line, needle, occurrence);
    assert.is(scopes.at(-1), scope, `line ${line} "${needle}": ${scopes.join(' ')}`);
    assert.is(scopes[0], ROOT_SCOPE);
  }
});

test('an unterminated string ends at its line: the next line is tokenized afresh', async () => {
  const source = 'x = "open\nseed 7\n';
  const tokens = await tokenize(source);
  assert.is(scopesAt(tokens, source, 1, 'seed').at(-1), 'support.variable.setting.recipe');
});

test('a character the lexer does not know is marked invalid', async () => {
  const source = 'x = a $ b\n';
  assert.is(scopesAt(await tokenize(source), source, 0, '$').at(-1), 'invalid.illegal.character.recipe');
});

/** The words of a `\b(?:a|b)\b` or `(?:a|b)` alternation. */
function alternationWords(regex: string): string[] {
  const group = /\(\?:([A-Za-z_|%]+)\)/.exec(regex) ?? /\(([A-Za-z_|%]+)\)/.exec(regex);
  if (!group) throw new Error(`no alternation in ${regex}`);
  return group[1].split('|');
}

const sorted = (words: Iterable<string>) => [...words].sort();

test("the keyword rules cover exactly the lexer's keywords, and the reserved rule its reserved ones", () => {
  const rules: { match: string; name: string }[] = grammarJson.repository.keyword.patterns;
  const words = rules.flatMap((r) => alternationWords(r.match));
  assert.equal(sorted(words), sorted(KEYWORDS));
  assert.is(new Set(words).size, words.length, 'a keyword is listed twice');
  const reserved = rules.find((r) => r.name === 'keyword.other.reserved.recipe')!;
  assert.equal(sorted(alternationWords(reserved.match)), sorted(RESERVED_KEYWORDS));
});

test("the setting rule excludes exactly the lexer's keywords", () => {
  assert.equal(sorted(alternationWords(grammarJson.repository.setting.match)), sorted(KEYWORDS));
});

test("the number rule's units are exactly the lexer's units", () => {
  const units = /\((steps\|[^)]*)\)/.exec(grammarJson.repository.number.match)![1].split('|');
  assert.equal(sorted(units), sorted(Object.keys(UNITS)));
});

test('the manifest contributes language recipe for .recipe with this grammar and an existing configuration', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8'));
  const [language] = manifest.contributes.languages;
  assert.is(language.id, 'recipe');
  assert.equal(language.extensions, ['.recipe']);
  const configuration = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, language.configuration), 'utf8'));
  assert.is(configuration.comments.lineComment, '#');
  const [grammar] = manifest.contributes.grammars;
  assert.is(grammar.language, 'recipe');
  assert.is(grammar.scopeName, grammarJson.scopeName);
  assert.is(path.resolve(EXTENSION_DIR, grammar.path), GRAMMAR_PATH);
});

test.run();
