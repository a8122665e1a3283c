// A malformed JSONL line is reported at its line and column, whatever the JSON error is: Node 20's
// JSON.parse messages carry no position for most of them, so the column once went missing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SousError } from '@sous/core';
import { readJsonlExamples } from '../src/jsonl-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-jsonl-positions-'));
const GOOD = '{"prompt": "1+1=", "answer": "2"}';

/** [line, column] of the SousError for a file whose second line is `bad`. */
function positionOf(bad: string): [number | undefined, number | undefined] {
  const file = path.join(dir, 'data.jsonl');
  fs.writeFileSync(file, `${GOOD}\n${bad}\n`);
  try {
    readJsonlExamples(file, dir, 'path');
  } catch (error) {
    assert.instance(error, SousError);
    assert.match((error as SousError).message, /^the line is not valid JSON \(/);
    return [(error as SousError).line, (error as SousError).column];
  }
  throw new Error(`expected an error for ${bad}`);
}

test('each kind of malformed line gives line 2 and the column of the first bad character', () => {
  const cases: [string, number][] = [
    ['{"prompt": "x", "answer": }', 27], // a value is missing
    ["{'prompt': 'x', 'answer': 'y'}", 2], // single quotes
    ['{"prompt" "x", "answer": "y"}', 11], // a colon is missing
    ['{"prompt": "x", "answer": "y",}', 31], // a trailing comma
    ['{"prompt": "x", "answer": "y"} extra', 32], // text after the object
    ['{"prompt": "x", "answer": tru}', 27], // a misspelt literal
  ];
  for (const [line, column] of cases) assert.equal(positionOf(line), [2, column], line);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
