// Units and parameter values: the conversion table, canonical values and bounds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONVERTIBLE_UNITS, describeDimension, toCanonical, unitDimension } from '../src/check/units.js';
import { resolveParamValue, violatedBound } from '../src/check/values.js';
import { UNITS } from '../src/lexer.js';
import type { ParamSpec } from '../src/registry.js';
import { parse } from '../src/syntax.js';

test('every unit the lexer knows converts, and no other', () => {
  assert.equal([...CONVERTIBLE_UNITS].sort(), Object.keys(UNITS).sort());
});

test('quantities convert to the canonical unit of their dimension', () => {
  assert.equal([toCanonical(300, 'steps'), toCanonical(2, 'epochs'), toCanonical(512, 'tokens')], [300, 2, 512]);
  assert.equal([toCanonical(30, 's'), toCanonical(1.5, 'min'), toCanonical(2, 'h')], [30, 90, 7200]);
  assert.equal([toCanonical(1, 'KiB'), toCanonical(3, 'MiB'), toCanonical(2, 'GiB')], [1024, 3145728, 2147483648]);
  assert.equal([toCanonical(10, '%'), toCanonical(29, '%'), toCanonical(57, '%')], [0.1, 0.29, 0.57], 'exact decimals');
  assert.is(unitDimension('min'), 'time');
  assert.is(unitDimension('toString'), undefined, 'not an inherited property');
  assert.is(describeDimension('memory'), 'memory (KiB, MiB, GiB)');
});

test('bounds read as requirements, inclusive or exclusive', () => {
  const spec = (extra: Partial<ParamSpec>): ParamSpec => ({
    name: 'x',
    type: 'number',
    doc: '',
    required: true,
    ...extra,
  });
  assert.is(violatedBound(spec({ min: 0, minExclusive: true }), 0), '> 0');
  assert.is(violatedBound(spec({ min: 0, minExclusive: true }), 1e-9), undefined);
  assert.is(violatedBound(spec({ min: 1, max: 6 }), 6), undefined);
  assert.is(violatedBound(spec({ min: 1, max: 6 }), 7), '>= 1 and <= 6');
  assert.is(violatedBound(spec({ max: 1, maxExclusive: true }), 1), '< 1');
});

test('a value resolves to its canonical JSON', () => {
  const value = (text: string, extra: Partial<ParamSpec>) => {
    const statement = parse(`x = f(v: ${text})\n`, 't').ast.statements[0];
    if (statement.type !== 'Binding' || statement.value.type !== 'Call') throw new Error('bad fixture');
    const result = resolveParamValue(
      { name: 'v', doc: '', required: true, type: 'number', ...extra },
      statement.value.args[0].value,
      '"v"',
    );
    return result.ok ? result.value : result.problem?.code;
  };
  assert.is(value('90s', { dimension: 'time' }), 90);
  assert.is(value('-0.5', {}), -0.5);
  assert.is(value('2', { type: 'integer', dimension: 'memory' }), 2, 'a plain number is in the canonical unit');
  assert.is(value('1.5KiB', { type: 'integer', dimension: 'memory' }), 1536);
  assert.is(value('0.5KiB', { type: 'integer', dimension: 'memory', min: 1024 }), 'R0302');
  assert.equal(value('[1, 2]', { type: 'list', items: 'integer' }), [1, 2]);
  assert.equal(value('[]', { type: 'list', items: 'string' }), []);
  assert.is(value('true', { type: 'boolean' }), true);
  assert.is(value('"k3"', { type: 'enum', values: ['k1', 'k3'] }), 'k3');
  assert.is(value('30x', { dimension: 'time' }), undefined, "an unknown unit is the parser's error");
});

test.run();
