// Shared by the syntax, formatter and fuzz tests: the example recipes and AST comparison helpers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { golden } from '../../tools/test/golden.js';

export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');
export const SNAPSHOTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '__snapshots__');

/** Every `examples/*.recipe`, sorted by name. */
export function examples(): { name: string; source: string }[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.recipe'))
    .sort()
    .map((name) => ({ name, source: fs.readFileSync(path.join(EXAMPLES_DIR, name), 'utf8') }));
}

/** A copy of an AST without source positions and raw text: what formatting must preserve. */
export function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'range' && key !== 'raw' && key !== 'comments' && key !== 'file')
      .map(([key, value]) => [key, withoutPositions(value)]),
  );
}

/** Compares `actual` with the JSON golden `__snapshots__/<name>`; a missing one fails, and
 * `npm run test:update -w @sous/dsl` rewrites them (tools/test/golden.ts). */
export function matchSnapshot(name: string, actual: unknown): { expected: unknown; actual: unknown } {
  // One line per position keeps the golden files short enough to review.
  const json = `${JSON.stringify(actual, null, 1).replace(/\{\s*"offset": (\d+),\s*"line": (\d+),\s*"column": (\d+)\s*\}/g, '{ "offset": $1, "line": $2, "column": $3 }')}\n`;
  return { expected: JSON.parse(golden(path.join(SNAPSHOTS_DIR, name), json)), actual: JSON.parse(json) };
}
