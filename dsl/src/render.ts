// Diagnostics as terminal text, in the rustc / Elm style:
//
//   grpo.recipe:12:14: error[R0202]: unknown node "samplers.gruop"
//     12 |   rollouts = samplers.gruop(policy, prompts, group: 8)
//        |              ^^^^^^^^^^^^^^
//     help: did you mean "samplers.group"?
//
// Columns count UTF-16 units (as positions do); the caret line copies the source's tabs so the
// carets sit under the right characters. A line longer than LONG_LINE (generated or binary input)
// shows only a window of it, marked with `…`, so that printing every diagnostic of a file stays
// linear in its size.
import type { Diagnostic } from './diagnostic.js';
import { PositionMap } from './positions.js';

const LONG_LINE = 200;
/** How much of a long line the window shows before the range. */
const LEAD = 60;
/** C0 controls but the tab, DEL, and C1 controls (ESC starts terminal escape sequences). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The line index of the last source rendered: a file's diagnostics are rendered one by one. */
let lastSource: PositionMap | undefined;

function sourceLine(source: string, line: number): string {
  if (lastSource?.source !== source) lastSource = new PositionMap(source);
  return lastSource.line(line);
}

export function render(diagnostic: Diagnostic, source: string): string {
  const { start, end } = diagnostic.range;
  const line = sourceLine(source, start.line);
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  const from = line.length > LONG_LINE ? Math.max(0, start.column - 1 - LEAD) : 0;
  const to = Math.min(line.length, from + LONG_LINE);
  // Control characters (binary input) would move the terminal's cursor or change its state: each
  // shows as one U+FFFD, so the carets stay aligned.
  const shown = `${from > 0 ? '…' : ''}${line.slice(from, to).replace(CONTROL_CHARACTERS, '\uFFFD')}${to < line.length ? '…' : ''}`;
  const before = `${from > 0 ? ' ' : ''}${line.slice(from, start.column - 1)}`.replace(/[^\t]/g, ' ');
  const lastColumn = Math.min(end.line === start.line ? end.column : line.length + 1, to + 1);
  const carets = '^'.repeat(Math.max(1, lastColumn - start.column));
  const out = [
    `${diagnostic.file}:${start.line}:${start.column}: ${diagnostic.severity}[${diagnostic.code}]: ${diagnostic.message}`,
    `  ${gutter} | ${shown}`,
    `  ${pad} | ${before}${carets}`,
  ];
  if (diagnostic.suggestion !== undefined) {
    const quoted = diagnostic.suggestion.startsWith('"') ? diagnostic.suggestion : `"${diagnostic.suggestion}"`;
    out.push(`  help: did you mean ${quoted}?`);
  }
  return out.join('\n');
}
