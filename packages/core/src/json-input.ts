// JSON that sous reads back from a file (run folders, checkpoints, data files, tokenizers): the
// text is parsed with the position of any syntax error, then checked against the one zod schema
// of its format, whose first failure names the field. Every problem is a SousError naming the file
// (and the line, for a line of a JSONL file).
import { parse as parseTolerant, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { SousError } from './errors.js';

/** Where a JSON text came from: the file and, for one line of a JSONL file, its 1-based line. */
export interface JsonOrigin {
  file: string;
  line?: number;
  /** What to do about a problem, e.g. "The checkpoint is damaged." */
  hint?: string;
}

/** Line and column (1-based) of character `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The parsed value of `text`; a syntax error is a SousError at its line and column.
 * `what` names the content in the message ("the tokenizer file", "the line"). */
export function parseJsonText(text: string, origin: JsonOrigin, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's message often has no position (Node 20): jsonc-parser locates the error.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const at = errors.length > 0 ? position(text, errors[0].offset) : undefined;
    // Within one line of a JSONL file the position's line is always 1: keep the file's line.
    const where =
      at && origin.line !== undefined ? { line: origin.line, column: at.column } : { line: origin.line, ...at };
    throw new SousError(`${what} is not valid JSON (${(error as Error).message})`, {
      file: origin.file,
      ...where,
      hint: origin.hint,
      cause: error,
    });
  }
}

/** `stages[0].steps` for the path `['stages', 0, 'steps']`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** One sentence for the first of `issues`: the field and what is wrong with it. */
function describeIssues(issues: readonly z.core.$ZodIssue[], value: unknown, what: string): string {
  const [issue] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const problem = issue.message.replace(/^Invalid (input|option): /, '');
  if (issue.path.length === 0) return `${what} is not what sous writes: ${problem}${more}`;
  const field = `"${fieldName(issue.path)}"`;
  if (valueAt(value, issue.path) === undefined) return `${what} has no field ${field}${more}`;
  return `${what} has an invalid field ${field}: ${problem}${more}`;
}

/** `value` as the schema's output type; a mismatch is a SousError naming the first bad field. */
export function checkJson<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  origin: JsonOrigin,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SousError(describeIssues(result.error.issues, value, what), {
    file: origin.file,
    line: origin.line,
    hint: origin.hint,
  });
}

/** `parseJsonText` then `checkJson`. */
export function parseJsonAs<Schema extends z.ZodType>(
  schema: Schema,
  text: string,
  origin: JsonOrigin,
  what: string,
): z.output<Schema> {
  return checkJson(schema, parseJsonText(text, origin, what), origin, what);
}
