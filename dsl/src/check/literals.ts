// Literal expressions: what a parameter may hold (numbers, quantities, strings, booleans, lists,
// and a minus sign on a number), as opposed to references and calls, which flow through ports.
import type { Expression, NumberLiteral, QuantityLiteral } from '../ast.js';

export function isLiteral(expr: Expression): boolean {
  switch (expr.type) {
    case 'Number':
    case 'Quantity':
    case 'String':
    case 'Bool':
      return true;
    case 'List':
      return expr.items.every(isLiteral);
    case 'Unary':
      return expr.operator === '-' && (expr.operand.type === 'Number' || expr.operand.type === 'Quantity');
    default:
      return false;
  }
}

/** A number or quantity literal, with the sign of a leading minus applied to its value. */
export function signedNumber(
  expr: Expression,
): { literal: NumberLiteral | QuantityLiteral; value: number } | undefined {
  if (expr.type === 'Number' || expr.type === 'Quantity') return { literal: expr, value: expr.value };
  if (
    expr.type === 'Unary' &&
    expr.operator === '-' &&
    (expr.operand.type === 'Number' || expr.operand.type === 'Quantity')
  ) {
    return { literal: expr.operand, value: -expr.operand.value };
  }
  return undefined;
}

/** The value of a plain (unitless) number literal, possibly negated: the factor in `0.04 * kl`. */
export function plainNumber(expr: Expression): number | undefined {
  const signed = signedNumber(expr);
  return signed && signed.literal.type === 'Number' ? signed.value : undefined;
}

/** What kind of value a literal is, for messages: "a string", "a list". */
export function describeLiteral(expr: Expression): string {
  switch (expr.type) {
    case 'Number':
      return 'a number';
    case 'Quantity':
      return 'a quantity';
    case 'String':
      return 'a string';
    case 'Bool':
      return 'a boolean';
    case 'List':
      return 'a list';
    case 'Unary':
      return describeLiteral(expr.operand);
    default:
      return 'an expression';
  }
}
