// Reads a JSON file for a loader, turning a missing file or a syntax error into a SousError that
// names the file and, for syntax errors, the line and column.
import fs from 'node:fs';
import { SousError } from '@sous/core';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Line and column (1-based) of character `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new SousError(`${what} ${reason}`, { file, cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's message does not always give the position: jsonc-parser locates the error.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const where = first ? position(text, first.offset) : {};
    const reason = first ? printParseErrorCode(first.error) : (error as Error).message;
    throw new SousError(`${what} is not valid JSON (${reason})`, { file, ...where, cause: error });
  }
}
