// Converting quantities to the canonical unit of their dimension (count: the number, time:
// seconds, memory: bytes, percent: a fraction of 1). The units and their dimensions are the
// lexer's closed set (`UNITS`); this file adds only the conversion.
import { UNITS } from '../lexer.js';
import type { Dimension } from '../registry.js';

/** Canonical value = value * multiply / divide (dividing keeps `29%` exactly 0.29). */
const CONVERSIONS: Readonly<Record<string, { multiply: number; divide: number }>> = {
  steps: { multiply: 1, divide: 1 },
  epochs: { multiply: 1, divide: 1 },
  tokens: { multiply: 1, divide: 1 },
  s: { multiply: 1, divide: 1 },
  min: { multiply: 60, divide: 1 },
  h: { multiply: 3600, divide: 1 },
  KiB: { multiply: 1024, divide: 1 },
  MiB: { multiply: 1024 ** 2, divide: 1 },
  GiB: { multiply: 1024 ** 3, divide: 1 },
  '%': { multiply: 1, divide: 100 },
};

export function unitDimension(unit: string): Dimension | undefined {
  return Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
}

/** `value` in `unit`, converted to its dimension's canonical unit. */
export function toCanonical(value: number, unit: string): number {
  const { multiply, divide } = CONVERSIONS[unit];
  return (value * multiply) / divide;
}

/** Units of a dimension, for messages: `count (steps, epochs, tokens)`. */
export function describeDimension(dimension: Dimension): string {
  return `${dimension} (${Object.keys(UNITS)
    .filter((unit) => UNITS[unit] === dimension)
    .join(', ')})`;
}

/** The units that convert (a test checks this equals the lexer's set). */
export const CONVERTIBLE_UNITS = Object.keys(CONVERSIONS);
