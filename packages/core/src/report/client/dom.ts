/// <reference lib="dom" />
// A small element builder for the report's browser script.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Four significant digits; an exponent (`3e-4`) only for very small or large values. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(4)));
}
