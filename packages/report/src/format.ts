// Numbers as reports print them (summaries, axes, diagram parameters), in Node and in the page.

/** Four significant digits; an exponent (`3e-4`) only for very small or large values. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(4)));
}
