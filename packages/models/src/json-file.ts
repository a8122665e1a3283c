// Reads a JSON file for a loader, turning a missing file or a syntax error into a SousError that
// names the file and, for syntax errors, the line and column.
import fs from 'node:fs';
import { parseJsonText, SousError } from '@sous/core';

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${(error as Error).message})`;
    throw new SousError(`${what} ${reason}`, { file, cause: error });
  }
  return parseJsonText(text, { file }, what);
}
