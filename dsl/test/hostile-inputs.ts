// Generated hostile input for the robustness tests and tools/bench/dsl-hostile.mjs: deep nesting,
// long chains, one long line, many lines, bad characters and binary bytes, each of about a given
// size in bytes (a string, or a Buffer for bytes that are not UTF-8). Seeded: every run sees the
// same bytes.
import { prng } from './prng.js';

const HEADER = 'sous 1\n';
/** `unit` repeated to about `size` bytes in all (with the header and `x = `). */
const fill = (size: number, unit: string) =>
  unit.repeat(Math.max(1, Math.floor((size - HEADER.length - 4) / unit.length)));
/** Half the room for a value: for an opening and a closing run. */
const half = (size: number) => Math.floor((size - HEADER.length - 5) / 2);

const TOKENS = ['x', '=', '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '!', '1', '"s"', 'stage', '\n'];

export const HOSTILE_INPUTS: Record<string, (size: number) => string | Buffer> = {
  parentheses: (n) => `${HEADER}x = ${'('.repeat(half(n))}1${')'.repeat(half(n))}\n`,
  lists: (n) => `${HEADER}x = ${'['.repeat(half(n))}1${']'.repeat(half(n))}\n`,
  'prefix !': (n) => `${HEADER}x = ${fill(n, '!')}a\n`,
  'prefix -': (n) => `${HEADER}x = ${fill(n, '-')}1\n`,
  '+ chain': (n) => `${HEADER}x = a${fill(n, ' + a')}\n`,
  '.member chain': (n) => `${HEADER}x = a${fill(n, '.b')}\n`,
  'nested calls': (n) =>
    `${HEADER}x = ${'f('.repeat(Math.floor((half(n) * 2) / 3))}1${')'.repeat(Math.floor((half(n) * 2) / 3))}\n`,
  'one long line (a list)': (n) => `${HEADER}x = [${fill(n, '1, ')}1]\n`,
  'many lines (bindings)': (n) =>
    `${HEADER}${Array.from({ length: Math.floor(n / 12) }, (_, i) => `x${i} = ${i % 1000}`).join('\n')}\n`,
  'many lines (errors)': (n) => `${HEADER}${fill(n, 'x = = 1\n')}`,
  'bad characters': (n) => `${HEADER}${fill(n, 'a $')}\n`,
  NULs: (n) => `${HEADER}${'\0'.repeat(n)}`,
  'invalid UTF-8': (n) => Buffer.concat([Buffer.from(HEADER), Buffer.alloc(n, 0xff)]),
  'random bytes': (n) => {
    const random = prng(12345);
    return Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  },
  'random tokens': (n) => {
    const random = prng(777);
    const parts = [HEADER];
    for (let length = HEADER.length; length < n; ) {
      const token = `${TOKENS[Math.floor(random() * TOKENS.length)]} `;
      parts.push(token);
      length += token.length;
    }
    return parts.join('');
  },
};

/** The text a command reads from the input (bytes decoded as UTF-8, as `sous check` reads a file). */
export function hostileSource(kind: string, size: number): string {
  const content = HOSTILE_INPUTS[kind](size);
  return typeof content === 'string' ? content : content.toString('utf8');
}
