// The arithmetic problem space: every `a op b` with operands of up to `digits` digits, numbered
// 0..size-1 so that a permutation of the numbers picks problems without repeats.
import type { Example } from '@sous/core';

/** Operators the task can pose, in a fixed order. */
export const ARITHMETIC_OPERATORS = '+-*';
/** The task's characters: digits, operators (`-` doubles as the sign of negative answers), `=`. */
export const ARITHMETIC_ALPHABET = `0123456789${ARITHMETIC_OPERATORS}=`;

export interface ArithmeticProblem extends Example {
  a: number;
  b: number;
  op: string;
}

export interface ArithmeticSpace {
  /** Number of distinct problems: (10^digits)^2 operand pairs times the number of operators. */
  readonly size: number;
  /** Problem number `index`: prompt `"12+34="`, answer `"46"` (negative answers as `"-12"`). */
  problem(index: number): ArithmeticProblem;
}

export interface ArithmeticFormat {
  /** Operands with leading zeros to `digits` width ("07+05="): every digit has a fixed position. */
  pad?: boolean;
  /** The answer's digits least significant first, the sign still in front ("12" → "21",
   * "-40" → "-04"): each digit then depends only on digits already seen and a carry, the
   * format of minGPT's adder and of "Teaching Arithmetic to Small Transformers" (Lee et al., 2023). */
  reverse?: boolean;
}

export function arithmeticSpace(digits: number, ops: string, format: ArithmeticFormat = {}): ArithmeticSpace {
  const operators = Array.from(ops);
  const unknown = operators.find((op) => !ARITHMETIC_OPERATORS.includes(op));
  if (unknown !== undefined) throw new RangeError(`arithmeticSpace: unknown operator ${JSON.stringify(unknown)}`);
  const base = 10 ** digits;
  return {
    size: base * base * operators.length,
    problem(index) {
      const op = operators[index % operators.length];
      const pair = Math.floor(index / operators.length);
      const a = pair % base;
      const b = Math.floor(pair / base);
      const operand = (n: number): string => (format.pad ? String(n).padStart(digits, '0') : String(n));
      const result = apply(op, a, b);
      const magnitude = String(Math.abs(result));
      const answer = (result < 0 ? '-' : '') + (format.reverse ? [...magnitude].reverse().join('') : magnitude);
      return { prompt: `${operand(a)}${op}${operand(b)}=`, answer, a, b, op };
    },
  };
}

function apply(op: string, a: number, b: number): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  return a * b;
}
