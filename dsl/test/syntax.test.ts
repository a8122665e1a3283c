// Lexer and parser: tokens, units, precedence, statements, newlines, positions, diagnostics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Binding, Expression, Setting, Stage, Statement } from '../src/ast.js';
import { KEYWORDS, lex, parse, UNITS } from '../src/index.js';

/** An expression as a compact S-expression: `(+ a (* b c))`. */
function shape(e: Expression): string {
  switch (e.type) {
    case 'Number':
    case 'Quantity':
      return e.raw;
    case 'String':
      return JSON.stringify(e.value);
    case 'Bool':
      return String(e.value);
    case 'Identifier':
      return e.name;
    case 'Error':
      return '<error>';
    case 'List':
      return `[${e.items.map(shape).join(' ')}]`;
    case 'Member':
      return `${shape(e.object)}.${e.member.name}`;
    case 'Call':
      return `(call ${shape(e.callee)}${e.args.map((a) => ` ${a.name ? `${a.name.name}:` : ''}${shape(a.value)}`).join('')})`;
    case 'Unary':
      return `(${e.operator} ${shape(e.operand)})`;
    case 'Binary':
      return `(${e.operator} ${shape(e.left)} ${shape(e.right)})`;
  }
}

function expressionOf(source: string): Expression {
  const { ast, diagnostics } = parse(`x = ${source}\n`);
  assert.equal(diagnostics, [], `no diagnostics for ${source}`);
  return (ast.statements[0] as Binding).value;
}

function where(source: string): string[] {
  return parse(source).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`);
}

function kinds(statements: Statement[]): string[] {
  return statements.map((s) =>
    s.type === 'Stage'
      ? `Stage ${s.name.name} {${kinds(s.body as Statement[]).join(', ')}}`
      : 'name' in s && s.name && 'name' in s.name
        ? `${s.type} ${s.name.name}`
        : s.type,
  );
}

// ---- vocabulary --------------------------------------------------------------------------

test('KEYWORDS and UNITS are the closed sets of the language', () => {
  assert.equal([...KEYWORDS].sort(), [
    'as',
    'eval',
    'every',
    'false',
    'feedback',
    'population',
    'recipe',
    'sous',
    'stage',
    'sweep',
    'true',
    'use',
  ]);
  assert.equal(UNITS, {
    steps: 'count',
    epochs: 'count',
    tokens: 'count',
    s: 'time',
    min: 'time',
    h: 'time',
    KiB: 'memory',
    MiB: 'memory',
    GiB: 'memory',
    '%': 'percent',
  });
});

test('lex classifies tokens and comments with ranges', () => {
  const tokens = lex('stage a { # hi\n  steps 30s + 0.5 * "x" }');
  assert.equal(
    tokens.map((t) => `${t.category}:${t.text}`),
    [
      'keyword:stage',
      'name:a',
      'punctuation:{',
      'comment:# hi',
      'name:steps',
      'quantity:30s',
      'operator:+',
      'number:0.5',
      'operator:*',
      'string:"x"',
      'punctuation:}',
    ],
  );
  assert.equal(tokens[5].range, {
    start: { offset: 23, line: 2, column: 9 },
    end: { offset: 26, line: 2, column: 12 },
  });
  assert.is(lex('population')[0].category, 'reserved');
  assert.is(lex('samplerX')[0].category, 'name', 'a keyword prefix does not split a name');
});

test('numbers keep their text; quantities split into value and unit', () => {
  const list = expressionOf(
    '[300, 3e-4, 0.5, 1E+3, 500steps, 30s, 5min, 2h, 2GiB, 10%, 1.5epochs, 64tokens, 2e3steps]',
  );
  assert.ok(list.type === 'List');
  const items = list.items.map((i) =>
    i.type === 'Quantity' ? [i.value, i.unit, i.raw] : i.type === 'Number' ? [i.value, i.raw] : i.type,
  );
  assert.equal(items, [
    [300, '300'],
    [3e-4, '3e-4'],
    [0.5, '0.5'],
    [1000, '1E+3'],
    [500, 'steps', '500steps'],
    [30, 's', '30s'],
    [5, 'min', '5min'],
    [2, 'h', '2h'],
    [2, 'GiB', '2GiB'],
    [10, '%', '10%'],
    [1.5, 'epochs', '1.5epochs'],
    [64, 'tokens', '64tokens'],
    [2000, 'steps', '2e3steps'],
  ]);
});

test('strings unescape \\" \\\\ \\n \\t', () => {
  const value = expressionOf(String.raw`"a\"b\\c\nd\te"`);
  assert.equal(value, { type: 'String', value: 'a"b\\c\nd\te', range: value.range });
});

// ---- expressions -------------------------------------------------------------------------

test('precedence: | below & below + - below * below unary below postfix', () => {
  assert.is(shape(expressionOf('a | b & c + d * -e.f(g)')), '(| a (& b (+ c (* d (- (call e.f g))))))');
  assert.is(shape(expressionOf('!a & b | c')), '(| (& (! a) b) c)');
  assert.is(shape(expressionOf('(a | b) * 2')), '(* (| a b) 2)');
});

test('binary operators are left-associative', () => {
  assert.is(shape(expressionOf('a - b - c')), '(- (- a b) c)');
  assert.is(shape(expressionOf('a - b + c * d * e')), '(+ (- a b) (* (* c d) e))');
  assert.is(shape(expressionOf('a - (b - c)')), '(- a (- b c))');
});

test('calls, members, lists, named and positional arguments, trailing commas', () => {
  assert.is(shape(expressionOf('ns.node(a, b: [1, 2,], c: "s",)')), '(call ns.node a b:[1 2] c:"s")');
  assert.is(shape(expressionOf('f()(1).x.y')), '(call (call f) 1).x.y');
  assert.is(shape(expressionOf('[]')), '[]');
  assert.is(shape(expressionOf('[[1, 2], [true, false]]')), '[[1 2] [true false]]');
  assert.is(shape(expressionOf('-(-1)')), '(- (- 1))');
});

test('keywords may name members and arguments', () => {
  assert.is(shape(expressionOf('pbt(population: 8, every: 2).eval')), '(call pbt population:8 every:2).eval');
});

// ---- statements and newlines -------------------------------------------------------------

test('every kind of statement', () => {
  const { ast, diagnostics } = parse(
    [
      'sous 1',
      'recipe "r"',
      'use "@sous/tasks"',
      'use "@me/x" as mine',
      'seed 7',
      'task = tasks.t()',
      'stage s {',
      '  steps 3',
      '  loss = o.l(task)',
      '  eval every 5 {',
      '    n = m.x(task)',
      '    m.y(n)',
      '  }',
      '}',
      '',
    ].join('\n'),
    'r.recipe',
  );
  assert.equal(diagnostics, []);
  assert.is(ast.file, 'r.recipe');
  assert.equal(kinds(ast.statements), [
    'Version',
    'RecipeName',
    'Use',
    'Use',
    'Setting seed',
    'Binding task',
    'Stage s {Setting steps, Binding loss, Eval}',
  ]);
  const use = ast.statements[3];
  assert.ok(use.type === 'Use' && use.alias?.name === 'mine' && use.package.value === '@me/x');
  const version = ast.statements[0];
  assert.ok(version.type === 'Version' && version.version.value === 1);
  const evalBlock = (ast.statements[6] as Stage).body[2];
  assert.ok(evalBlock.type === 'Eval');
  assert.is(shape(evalBlock.every), '5');
  assert.equal(
    evalBlock.body.map((s) => s.type),
    ['Binding', 'ExpressionStatement'],
  );
});

test('a line starting with a binary operator continues the expression', () => {
  const { ast, diagnostics } = parse('loss = a\n  + 0.04 * b\n\n  - c\n\n# note\n  | d\nnext = 1\n');
  assert.equal(diagnostics, []);
  assert.is(shape((ast.statements[0] as Binding).value), '(| (- (+ a (* 0.04 b)) c) d)');
  assert.is(kinds(ast.statements).length, 2);
});

test('newlines inside parentheses and brackets are insignificant', () => {
  const { ast, diagnostics } = parse('x = f(\n  a,\n\n  b: [\n    1,\n    2\n  ],\n)\ny = (1\n + 2)\n');
  assert.equal(diagnostics, []);
  assert.is(shape((ast.statements[0] as Binding).value), '(call f a b:[1 2])');
  assert.is(shape((ast.statements[1] as Binding).value), '(+ 1 2)');
});

test('a trailing operator does not continue the line', () => {
  assert.equal(where('x = a +\ny = 2\n'), ['1:8 R0100 expected a value after "+" but found end of line']);
});

test('a setting is a name and a value; a binding has "="', () => {
  const { ast } = parse('steps 300\noptimizer adamw(lr: 3e-4)\nx = 1\n');
  const [steps, optimizer, x] = ast.statements as [Setting, Setting, Binding];
  assert.is(steps.type, 'Setting');
  assert.is(shape(optimizer.value), '(call adamw lr:3e-4)');
  assert.is(x.type, 'Binding');
});

test('statements on one line need a newline between them', () => {
  assert.equal(where('a = 1 b = 2\n'), ['1:7 R0100 expected a new line before "b": write one statement per line']);
  assert.equal(where('stage s { steps 3 x = 1 }'), [
    '1:19 R0100 expected a new line before "x": write one statement per line',
  ]);
});

// ---- positions ---------------------------------------------------------------------------

test('ranges are [start, end) with 1-based lines and columns', () => {
  const { ast } = parse('\n  x = f(a)  # c\n');
  const binding = ast.statements[0] as Binding;
  assert.equal(binding.range, { start: { offset: 3, line: 2, column: 3 }, end: { offset: 11, line: 2, column: 11 } });
  assert.equal(binding.name.range.end, { offset: 4, line: 2, column: 4 });
  assert.equal(ast.comments, [
    {
      type: 'Comment',
      text: '# c',
      range: { start: { offset: 13, line: 2, column: 13 }, end: { offset: 16, line: 2, column: 16 } },
    },
  ]);
  assert.equal(ast.range.end.offset, 17);
});

test('columns count UTF-16 code units; \\r\\n is one line break', () => {
  const source = '# 🎉 party\r\nx = "🎉" y\r\n';
  assert.equal(where(source), ['2:10 R0100 expected a new line before "y": write one statement per line']);
  assert.is(parse(source).diagnostics[0].range.start.offset, source.indexOf(' y') + 1);
});

test('a missing expression becomes an ErrorExpression at the end of what was read', () => {
  const { ast, diagnostics } = parse('x = \ny = 2\n');
  assert.is(diagnostics.length, 1);
  const value = (ast.statements[0] as Binding).value;
  assert.is(value.type, 'Error');
  assert.is(value.range.start.offset, 3);
  assert.equal(kinds(ast.statements), ['Binding x', 'Binding y']);
});

// ---- diagnostics -------------------------------------------------------------------------

test('R0100 messages name what is missing and what was found', () => {
  assert.equal(where('stage sft {\n  steps 3\n'), [
    '2:10 R0100 expected "}" to close stage "sft" but found end of file',
  ]);
  assert.equal(where('x = f(a, g(b)\ny = 1\n'), [
    '1:14 R0100 expected ")" to close the call to "f" but found end of line',
  ]);
  assert.equal(where('x = [1, 2\ny = 1\n'), ['1:10 R0100 expected "]" to close the list but found end of line']);
  assert.equal(where('= 4\n'), [
    '1:1 R0100 expected a statement (sous, recipe, use, stage, a binding "name = value" or a setting "name value") but found "="',
  ]);
  assert.equal(where('}\n'), ['1:1 R0100 unexpected "}": no block is open here']);
  assert.equal(where('eval every 3 { x }\n'), [
    '1:1 R0100 "eval" blocks belong inside a stage: move it into a "stage name { ... }" block',
  ]);
  assert.equal(where('stage s {\n  use "x"\n}\n'), [
    '2:3 R0100 "use" belongs at the top level of the file, not inside a block',
  ]);
  assert.equal(where('stage {\n}\n'), ['1:7 R0100 expected a stage name after "stage" but found "{"']);
  assert.equal(where('use 3\n'), [
    '1:5 R0100 expected a package name string after "use" (like use "@sous/tasks") but found "3"',
  ]);
  assert.equal(where('recipe x\n'), [
    '1:8 R0100 expected the recipe name as a string after "recipe" (like recipe "sft-arithmetic") but found "x"',
  ]);
  assert.equal(where('sous\n'), [
    '1:5 R0100 expected the language version after "sous" (like sous 1) but found end of line',
  ]);
  assert.equal(where('stage s {\n  eval 5 { x }\n}\n'), [
    '2:8 R0100 expected "every" after "eval" (like eval every 50 { ... }) but found "5"',
  ]);
});

test('an error at the end of the file points just after the last token, never at NaN', () => {
  for (const source of ['x = ', 'x = f(', 'stage s {', 'sous', 'x = [1,', 'stage s {\n  eval every 2 {']) {
    const { diagnostics } = parse(source);
    assert.ok(diagnostics.length > 0, source);
    for (const d of diagnostics) {
      assert.ok(
        Number.isFinite(d.range.start.offset) &&
          Number.isFinite(d.range.end.line) &&
          Number.isFinite(d.range.end.column),
        source,
      );
      assert.is(d.range.start.offset, source.trimEnd().length, `${source}: ${d.message}`);
    }
  }
  assert.equal(parse('').diagnostics, []);
});

test('R0101 unknown characters', () => {
  assert.equal(where('x = 1 @ 2\n'), [
    '1:7 R0101 unknown character "@": recipes use names, numbers, "strings", # comments and = ( ) [ ] { } , : . + - * & | !',
  ]);
  const [d] = parse('x = 1\ny = €€\n').diagnostics.filter((x) => x.code === 'R0101');
  assert.equal([d.range.start.column, d.range.end.column], [5, 7]);
});

test('R0102 unterminated string, read up to the end of the line', () => {
  const { ast, diagnostics } = parse('x = "abc\ny = 2\n');
  assert.equal(
    diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.code}`),
    ['1:5-9 R0102'],
  );
  assert.equal(
    (ast.statements[0] as Binding).value.type === 'String' &&
      ((ast.statements[0] as Binding).value as { value: string }).value,
    'abc',
  );
  assert.equal(kinds(ast.statements), ['Binding x', 'Binding y']);
});

test('R0103 reserved keywords: a statement is skipped whole, a value reads as a name', () => {
  const { ast, diagnostics } = parse('population 8 {\n  a = 1\n}\nq = sweep + 1\nv = f(feedback: 3).population\n');
  assert.equal(
    diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`),
    [
      '1:1 R0103 "population" is reserved for a later version of the language and not supported yet',
      '4:5 R0103 "sweep" is reserved for a later version of the language and not supported yet',
    ],
  );
  assert.equal(kinds(ast.statements), ['Binding q', 'Binding v']);
  assert.is(shape((ast.statements[0] as Binding).value), '(+ sweep 1)');
});

test('R0104 unknown unit, R0105 unknown escape', () => {
  assert.equal(where('x = 30x\n'), [
    '1:5 R0104 unknown unit "x" in 30x: the units are steps, epochs, tokens, s, min, h, KiB, MiB, GiB, %',
  ]);
  assert.equal(
    where('x = 3e5ms\n').map((m) => m.slice(0, 30)),
    ['1:5 R0104 unknown unit "ms" in'],
  );
  assert.equal(where('x = "a\\qb"\n'), [
    '1:7 R0105 unknown escape "\\q" in a string: the escapes are \\" \\\\ \\n and \\t',
  ]);
});

test('recovery: three independent errors give three diagnostics and keep the statements after each', () => {
  const source = [
    'sous 1',
    'recipe "broken"',
    'task = tasks.arithmetic(digits: 2,, seed: 7)',
    'policy = models.gpt(preset: "tiny", vocab: task.vocab)',
    'stage sft {',
    '  steps 300 400',
    '  batch = samplers.dataset(task.train, size: 64)',
    '  loss = objectives.nll(policy batch)',
    '  eval every 100 { objectives.accuracy(policy, task.test) }',
    '}',
    'after = 1',
    '',
  ].join('\n');
  const { ast, diagnostics } = parse(source, 'broken.recipe');
  assert.equal(
    diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.code}`),
    ['broken.recipe:3:35 R0100', 'broken.recipe:6:13 R0100', 'broken.recipe:8:32 R0100'],
  );
  assert.equal(kinds(ast.statements), [
    'Version',
    'RecipeName',
    'Binding task',
    'Binding policy',
    'Stage sft {Setting steps, Binding batch, Binding loss, Eval}',
    'Binding after',
  ]);
});

test.run();
