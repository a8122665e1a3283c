// Reads a JSONL file of examples, one `{"prompt": "...", "answer": "..."}` object a line (or other
// required string fields, e.g. preference pairs). Blank lines are skipped; other fields are kept. Every problem is a SousError that
// names the file and line (and column, for bad JSON).
import fs from 'node:fs';
import path from 'node:path';
import { SousError, type Example } from '@sous/core';

const EXAMPLE_FIELDS = ['prompt', 'answer'] as const;

/**
 * The examples of the JSONL file at `file` (resolved against `baseDir` when relative). `param`
 * names the recipe parameter that gave the path, for the missing-file message; `fields` are the
 * string fields every line must have.
 */
export function readJsonlExamples(file: string, baseDir: string, param: string, fields: readonly string[] = EXAMPLE_FIELDS): Example[] {
  const resolved = path.resolve(baseDir, file);
  const shown = displayPath(resolved);
  const text = readText(resolved, shown, param);
  const examples: Example[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() !== '') examples.push(parseLine(line, shown, index + 1, fields));
  });
  if (examples.length === 0) throw new SousError('the file holds no examples (one JSON object per line expected)', { file: shown });
  return examples;
}

function readText(resolved: string, shown: string, param: string): string {
  try {
    return fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : String((error as Error).message);
    throw new SousError(`cannot read the data file given as ${param}: ${reason}`, {
      file: shown,
      cause: error,
      hint: 'Relative paths are resolved against the folder of the recipe.',
    });
  }
}

function parseLine(line: string, file: string, lineNumber: number, fields: readonly string[]): Example {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    throw new SousError(`the line is not valid JSON (${(error as Error).message})`, {
      file,
      line: lineNumber,
      column: position ? Number(position[1]) + 1 : undefined,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const names = fields.map((field) => `"${field}"`);
    throw new SousError(`expected a JSON object with ${names.slice(0, -1).join(', ')} and ${names.at(-1)}, got ${describe(value)}`, { file, line: lineNumber });
  }
  const record = value as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in record)) throw new SousError(`the object has no "${field}" field`, { file, line: lineNumber });
    if (typeof record[field] !== 'string') {
      throw new SousError(`"${field}" must be a string, got ${describe(record[field])}`, { file, line: lineNumber });
    }
  }
  return record as Example;
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
