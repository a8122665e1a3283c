// Golden files against a temporary folder: a missing golden fails, naming the file and the update
// command; only SOUS_UPDATE_GOLDENS=1 writes one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { golden } from '../golden.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-golden-'));
const file = path.join(dir, 'goldens', 'a.json');

test("a missing golden throws, names the file and the running package's update command, and writes nothing", () => {
  assert.throws(
    () => golden(file, '{}\n', {}),
    (e: Error) => /a\.json is missing: write it with `npm run test:update -w @sous\/tool-test`/.test(e.message),
  );
  assert.not.ok(fs.existsSync(file));
});

test('SOUS_UPDATE_GOLDENS=1 writes the golden; later runs read it and never rewrite it', () => {
  assert.is(golden(file, 'first\n', { SOUS_UPDATE_GOLDENS: '1' }), 'first\n');
  assert.is(golden(file, 'second\n', {}), 'first\n');
  assert.is(fs.readFileSync(file, 'utf8'), 'first\n');
});

test('deleting a golden makes it fail again', () => {
  fs.rmSync(file);
  assert.throws(() => golden(file, 'first\n', { CI: 'false' }), /is missing/);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
