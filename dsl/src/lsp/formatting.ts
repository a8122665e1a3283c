// Document formatting: exactly `sous fmt` (the canonical formatter), as one edit of the whole
// document. A document with syntax errors is left as it is (its diagnostics say why).
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { format, FormatError } from '../format.js';

export function formatDocument(document: TextDocument, file: string): TextEdit[] {
  const source = document.getText();
  let formatted: string;
  try {
    formatted = format(source, file);
  } catch (error) {
    if (error instanceof FormatError) return [];
    throw error;
  }
  if (formatted === source) return [];
  return [{ range: { start: document.positionAt(0), end: document.positionAt(source.length) }, newText: formatted }];
}
