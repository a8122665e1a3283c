// Diagnostics as terminal text, in the rustc / Elm style:
//
//   grpo.recipe:12:14: error[R0202]: unknown node "samplers.gruop"
//     12 |   rollouts = samplers.gruop(policy, prompts, group: 8)
//        |              ^^^^^^^^^^^^^^
//     help: did you mean "samplers.group"?
//
// Columns count UTF-16 units (as positions do); the caret line copies the source's tabs so the
// carets sit under the right characters.
import type { Diagnostic } from './diagnostic.js';

export function render(diagnostic: Diagnostic, source: string): string {
  const { start, end } = diagnostic.range;
  const lines = source.split(/\r\n|\r|\n/);
  const line = lines[start.line - 1] ?? '';
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  const before = line.slice(0, start.column - 1).replace(/[^\t]/g, ' ');
  const lastColumn = end.line === start.line ? end.column : line.length + 1;
  const carets = '^'.repeat(Math.max(1, lastColumn - start.column));
  const out = [
    `${diagnostic.file}:${start.line}:${start.column}: ${diagnostic.severity}[${diagnostic.code}]: ${diagnostic.message}`,
    `  ${gutter} | ${line}`,
    `  ${pad} | ${before}${carets}`,
  ];
  if (diagnostic.suggestion !== undefined) {
    const quoted = diagnostic.suggestion.startsWith('"') ? diagnostic.suggestion : `"${diagnostic.suggestion}"`;
    out.push(`  help: did you mean ${quoted}?`);
  }
  return out.join('\n');
}

