// Parameter values: a literal expression checked against a ParamSpec and resolved to the JSON
// value the plan carries (quantities converted to their canonical unit). The checker reports the
// problems; the compiler takes the values. Settings, optimizer and schedule arguments and
// `eval every` use the same ParamSpec, so this is the one place values are validated.
import type { Expression, Range } from '../ast.js';
import type { ParamSpec, Value } from '../registry.js';
import { suggest } from '../suggest.js';
import { describeLiteral, isLiteral, signedNumber } from './literals.js';
import { describeDimension, toCanonical, unitDimension } from './units.js';

export interface ValueProblem {
  code: 'R0301' | 'R0302' | 'R0303' | 'R0308';
  message: string;
  range: Range;
  suggestion?: string;
}

/** `ok: false` without a problem means the parser already reported the expression. */
export type ParamResult = { ok: true; value: Value } | { ok: false; problem?: ValueProblem };

type ScalarType = 'number' | 'integer' | 'string' | 'boolean' | 'enum';

/** Resolves `expr` for the parameter `spec`; `subject` names it in messages (`"lr" of adamw`). */
export function resolveParamValue(spec: ParamSpec, expr: Expression, subject: string): ParamResult {
  if (spec.type !== 'list') return resolveScalar(spec, spec.type, expr, subject);
  if (expr.type === 'Error') return { ok: false };
  if (!isLiteral(expr)) return notLiteral(expr, subject);
  if (expr.type !== 'List') {
    return fail('R0301', expr, `${subject} expects ${expected('list', spec)}, got ${describeLiteral(expr)}`);
  }
  const items: Value[] = [];
  for (const item of expr.items) {
    const result = resolveScalar(spec, spec.items ?? 'number', item, subject);
    if (!result.ok) return result;
    items.push(result.value);
  }
  const { length } = expr.items;
  if (
    (spec.minItems !== undefined && length < spec.minItems) ||
    (spec.maxItems !== undefined && length > spec.maxItems)
  ) {
    return fail('R0302', expr, `${subject} must have ${itemCount(spec)}, got ${length}`);
  }
  return { ok: true, value: items };
}

/** How many elements a list takes: `2 items`, `1 to 4 items`, `at least 1 item`; undefined when any. */
export function itemCount(spec: ParamSpec): string | undefined {
  const { minItems: min, maxItems: max } = spec;
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  if (min !== undefined && min === max) return items(min);
  if (min !== undefined && max !== undefined) return `${min} to ${items(max)}`;
  if (min !== undefined) return `at least ${items(min)}`;
  if (max !== undefined) return `at most ${items(max)}`;
  return undefined;
}

function resolveScalar(spec: ParamSpec, type: ScalarType, expr: Expression, subject: string): ParamResult {
  if (expr.type === 'Error') return { ok: false };
  if (!isLiteral(expr)) return notLiteral(expr, subject);
  const mismatch = () =>
    fail('R0301', expr, `${subject} expects ${expected(type, spec)}, got ${describeLiteral(expr)}`);
  switch (type) {
    case 'number':
    case 'integer': {
      const number = signedNumber(expr);
      if (!number) return mismatch();
      let value = number.value;
      if (number.literal.type === 'Quantity') {
        const { unit, raw } = number.literal;
        const dimension = unitDimension(unit);
        // An unknown unit is a syntax error the parser has reported.
        if (!dimension) return { ok: false };
        if (!spec.dimension) {
          return fail(
            'R0303',
            expr,
            `${subject} takes a plain number, not a quantity in ${unit}`,
            String(number.value),
          );
        }
        if (dimension !== spec.dimension) {
          return fail(
            'R0303',
            expr,
            `${subject} expects a ${describeDimension(spec.dimension)}, got ${raw} (${dimension})`,
          );
        }
        value = toCanonical(value, unit);
      }
      if (type === 'integer' && !Number.isInteger(value)) {
        return fail('R0301', expr, `${subject} expects an integer, got ${value}`);
      }
      const bound = violatedBound(spec, value);
      if (bound) return fail('R0302', expr, `${subject} must be ${bound}, got ${value}`);
      return { ok: true, value };
    }
    case 'string':
      return expr.type === 'String' ? { ok: true, value: expr.value } : mismatch();
    case 'boolean':
      return expr.type === 'Bool' ? { ok: true, value: expr.value } : mismatch();
    case 'enum': {
      if (expr.type !== 'String') return mismatch();
      const values = spec.values ?? [];
      if (values.includes(expr.value)) return { ok: true, value: expr.value };
      const near = suggest(expr.value, values);
      return fail(
        'R0301',
        expr,
        `${subject} must be ${expected('enum', spec)}, got "${expr.value}"`,
        near === undefined ? undefined : JSON.stringify(near),
      );
    }
  }
}

/** The bound `value` breaks, described as a requirement ("> 0", "between 0 and 1"), or undefined. */
export function violatedBound(spec: ParamSpec, value: number): string | undefined {
  const { min, max } = spec;
  const belowMin = min !== undefined && (spec.minExclusive ? value <= min : value < min);
  const aboveMax = max !== undefined && (spec.maxExclusive ? value >= max : value > max);
  return belowMin || aboveMax ? paramBounds(spec) : undefined;
}

/** `>= 0 and < 1`, or undefined when unbounded (error messages and editor hovers say it alike). */
export function paramBounds(spec: ParamSpec): string | undefined {
  const lower = spec.min === undefined ? undefined : `${spec.minExclusive ? '>' : '>='} ${spec.min}`;
  const upper = spec.max === undefined ? undefined : `${spec.maxExclusive ? '<' : '<='} ${spec.max}`;
  return lower && upper ? `${lower} and ${upper}` : (lower ?? upper);
}

/** How a ParamSpec type reads in a message: "an integer", "one of "stop", "skip"". */
function expected(type: ParamSpec['type'], spec: ParamSpec): string {
  switch (type) {
    case 'number':
      return spec.dimension ? `a number or a ${describeDimension(spec.dimension)} quantity` : 'a number';
    case 'integer':
      return spec.dimension ? `an integer or a ${describeDimension(spec.dimension)} quantity` : 'an integer';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'enum':
      return `one of ${(spec.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'list':
      return `a list of ${spec.items ?? 'number'}s`;
  }
}

function notLiteral(expr: Expression, subject: string): ParamResult {
  const what = expr.type === 'Identifier' ? `a reference to "${expr.name}"` : 'an expression';
  return fail(
    'R0308',
    expr,
    `${subject} takes a literal value (number, quantity, string, boolean or list), not ${what}; ` +
      'parameters are fixed when the recipe compiles, values that flow between nodes go to input ports',
  );
}

function fail(code: ValueProblem['code'], expr: Expression, message: string, suggestion?: string): ParamResult {
  return {
    ok: false,
    problem: { code, message, range: expr.range, ...(suggestion === undefined ? {} : { suggestion }) },
  };
}
