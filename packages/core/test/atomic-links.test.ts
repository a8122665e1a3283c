// writeFileAtomic replaces a file by renaming a temp file over it; that must not replace a
// symbolic link with a plain file (what `sous fmt --write` once did to a linked recipe) nor reset
// the file's permissions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../src/atomic.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-atomic-links-'));
const modeOf = (file: string) => fs.statSync(file).mode & 0o7777;

test('a write through a symbolic link (relative, two hops) keeps the links and rewrites the target', async () => {
  const target = path.join(dir, 'real', 'recipe.recipe');
  fs.mkdirSync(path.dirname(target));
  fs.writeFileSync(target, 'old');
  const first = path.join(dir, 'first.recipe'),
    second = path.join(dir, 'second.recipe');
  fs.symlinkSync(path.join('real', 'recipe.recipe'), first);
  fs.symlinkSync('first.recipe', second);
  await writeFileAtomic(second, 'new');
  assert.ok(fs.lstatSync(second).isSymbolicLink(), 'second is still a link');
  assert.ok(fs.lstatSync(first).isSymbolicLink(), 'first is still a link');
  assert.is(fs.readlinkSync(second), 'first.recipe');
  assert.is(fs.readFileSync(target, 'utf8'), 'new');
  assert.equal(fs.readdirSync(path.dirname(target)), ['recipe.recipe'], 'no temp file left beside the target');
});

test('a link whose target does not exist yet creates the target', async () => {
  const link = path.join(dir, 'dangling.json');
  fs.symlinkSync('made-later.json', link);
  await writeFileAtomic(link, '{}');
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.is(fs.readFileSync(path.join(dir, 'made-later.json'), 'utf8'), '{}');
});

test('an existing file keeps its permission bits', async () => {
  for (const mode of [0o600, 0o755, 0o640]) {
    const file = path.join(dir, `mode-${mode.toString(8)}.txt`);
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, mode);
    await writeFileAtomic(file, 'new');
    assert.is(modeOf(file), mode, mode.toString(8));
    assert.is(fs.readFileSync(file, 'utf8'), 'new');
  }
});

test('a cycle of links is a clear error, not a hang', async () => {
  const a = path.join(dir, 'loop-a'),
    b = path.join(dir, 'loop-b');
  fs.symlinkSync('loop-b', a);
  fs.symlinkSync('loop-a', b);
  await writeFileAtomic(a, 'x').then(
    () => assert.unreachable('should fail'),
    (error: Error) => assert.match(error.message, 'too many levels of symbolic links'),
  );
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
