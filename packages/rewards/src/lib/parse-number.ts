// Reading a number from a completion for numeric rewards.

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The number a text states: the whole trimmed text ("whole"), or its last number ("last"). NaN if none. */
export function parseNumber(text: string, extract: 'whole' | 'last'): number {
  if (extract === 'whole') {
    const trimmed = text.trim();
    return trimmed !== '' && new RegExp(`^${NUMBER.source}$`).test(trimmed) ? Number(trimmed) : NaN;
  }
  const found = text.match(NUMBER);
  return found === null ? NaN : Number(found[found.length - 1]);
}
