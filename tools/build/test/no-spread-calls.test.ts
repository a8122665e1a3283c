// No spread of an array into a call in the sources: `Math.max(...values)` passes every value as an
// argument, and from about 125,000 of them (a Llama 3 vocabulary, a particle group) V8 throws a
// RangeError. The repository has no ESLint, so this test greps instead: calls that take
// arguments one by one (Math.max/min/hypot, push, unshift, splice, String.fromCharCode/
// fromCodePoint, Function.apply on Math.max/min) with a spread of anything but an array literal.
// Use maxOf/minOf from @sous/core, concat, flatMap or a loop. dsl/src is not scanned yet: the
// parser's nesting-limit work is rewriting it in parallel (its four AST-sized pushes can follow).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const SPREAD_CALL =
  /(?:\bMath\.(?:max|min|hypot)|\.push|\.unshift|\bString\.fromCharCode|\bString\.fromCodePoint)\(\s*\.\.\.(?!\[)|\.splice\([^()]*,\s*\.\.\.(?!\[)|\bMath\.(?:max|min)\.apply\(/g;

/** `text` with comments blanked out (newlines kept, so line numbers stay right). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|mts|mjs|js)$/.test(name) && !/(^|[/\\])(node_modules|dist)[/\\]/.test(name))
    .map((name) => path.join(dir, name));
}

/** `file:line: text` of every spread call in `files`. */
function spreadCalls(files: string[]): string[] {
  return files.flatMap((file) => {
    const text = withoutComments(fs.readFileSync(file, 'utf8'));
    return [...text.matchAll(SPREAD_CALL)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length;
      return `${path.relative(root, file)}:${line}: ${text.split('\n')[line - 1].trim()}`;
    });
  });
}

test('the pattern finds the spread calls that overflow and passes array literals and comments', () => {
  const sample = path.join(fs.mkdtempSync(path.join(root, 'node_modules', '.spread-')), 'sample.ts');
  fs.writeFileSync(
    sample,
    [
      'const a = Math.max(...ids);',
      'out.push(\n  ...rows.map(f));',
      'const b = Math.max(...[x, y]);',
      '// Math.min(...values) in a comment',
      'list.splice(0, 0, ...items);',
      'const c = Math.max.apply(null, ids);',
      'const d = String.fromCharCode(...bytes);',
      'f(...args);',
    ].join('\n'),
  );
  assert.equal(
    spreadCalls([sample]).map((hit) => hit.replace(/^.*sample\.ts:/, '')),
    [
      '1: const a = Math.max(...ids);',
      '2: out.push(',
      '6: list.splice(0, 0, ...items);',
      '7: const c = Math.max.apply(null, ids);',
      '8: const d = String.fromCharCode(...bytes);',
    ],
  );
  fs.rmSync(path.dirname(sample), { recursive: true, force: true });
});

test('no source file spreads an array into a call that takes arguments one by one', () => {
  const packages = fs.readdirSync(path.join(root, 'packages')).map((name) => path.join(root, 'packages', name, 'src'));
  const files = [...packages, path.join(root, 'tools')]
    .flatMap(sourceFiles)
    .filter((file) => !file.includes(`${path.sep}test${path.sep}`));
  assert.ok(files.length > 100, `scanned ${files.length} files`);
  assert.equal(spreadCalls(files), []);
});

test.run();
