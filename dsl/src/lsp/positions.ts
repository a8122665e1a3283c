// AST ranges (offsets into the source) to LSP ranges (0-based line and UTF-16 character). The
// document's own positionAt does the arithmetic, so a non-ASCII character before a range cannot
// shift it.
import type { Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../ast.js';

export function toLspRange(range: Range, document: TextDocument): LspRange {
  return { start: document.positionAt(range.start.offset), end: document.positionAt(range.end.offset) };
}

/** True when `offset` lies in [start, end] (the end included, so a cursor just after a name
 * still touches it). */
export function touches(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}
