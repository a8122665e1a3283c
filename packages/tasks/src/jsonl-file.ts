// Reads a JSONL file of examples, one `{"prompt": "...", "answer": "..."}` object a line (or other
// required string fields, e.g. preference pairs). Blank lines are skipped; other fields are kept. Every problem is a SousError that
// names the file and line (and column, for bad JSON).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseJsonText, SousError, type Example } from '@sous/core';

const EXAMPLE_FIELDS = ['prompt', 'answer'] as const;

/**
 * The examples of the JSONL file at `file` (resolved against `baseDir` when relative). `param`
 * names the recipe parameter that gave the path, for the missing-file message; `fields` are the
 * string fields every line must have.
 */
export function readJsonlExamples(
  file: string,
  baseDir: string,
  param: string,
  fields: readonly string[] = EXAMPLE_FIELDS,
): Example[] {
  const resolved = path.resolve(baseDir, file);
  const shown = displayPath(resolved);
  const text = readText(resolved, shown, param);
  const schema = exampleSchema(fields);
  const examples: Example[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() !== '') examples.push(parseLine(line, shown, index + 1, schema));
    });
  if (examples.length === 0)
    throw new SousError('the file holds no examples (one JSON object per line expected)', { file: shown });
  return examples;
}

function readText(resolved: string, shown: string, param: string): string {
  try {
    return fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : String((error as Error).message);
    throw new SousError(`cannot read the data file given as ${param}: ${reason}`, {
      file: shown,
      cause: error,
      hint: 'Relative paths are resolved against the folder of the recipe.',
    });
  }
}

/** One line: an object whose `fields` are strings (other fields are kept). The messages keep the
 * field names a user wrote. */
function exampleSchema(fields: readonly string[]) {
  const names = fields.map((field) => `"${field}"`);
  const shape = Object.fromEntries(
    fields.map((field) => [
      field,
      z.string({
        error: (issue) =>
          issue.input === undefined
            ? `the object has no "${field}" field`
            : `"${field}" must be a string, got ${describe(issue.input)}`,
      }),
    ]),
  );
  return z.looseObject(shape, {
    error: (issue) =>
      `expected a JSON object with ${names.slice(0, -1).join(', ')} and ${names.at(-1)}, got ${describe(issue.input)}`,
  });
}

function parseLine(line: string, file: string, lineNumber: number, schema: z.ZodType): Example {
  const value = parseJsonText(line, { file, line: lineNumber }, 'the line');
  const result = schema.safeParse(value);
  if (!result.success) throw new SousError(result.error.issues[0].message, { file, line: lineNumber });
  return result.data as Example;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Relative to the working folder when the file is inside it, else absolute. */
function displayPath(resolved: string): string {
  const relative = path.relative(process.cwd(), resolved);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : resolved;
}
