// The VS Code extension packages offline: `npm run package` (vsce, after the esbuild bundle of the
// client) writes a .vsix holding the manifest, the grammar, the language configuration and the
// bundled client, and nothing else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXTENSION_DIR } from './grammar-engine.js';

const VSIX = path.join(EXTENSION_DIR, 'sous-recipe.vsix');

/** The entry names of a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); // end of central directory
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.is(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

test("npm run package builds the .vsix with exactly the extension's files", () => {
  fs.rmSync(VSIX, { force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'package'], { cwd: path.join(EXTENSION_DIR, '..', '..'), encoding: 'utf8' });
  assert.is(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.equal(zipEntries(fs.readFileSync(VSIX)).sort(), [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/dist/extension.js',
    'extension/language-configuration.json',
    'extension/package.json',
    'extension/readme.md',
    'extension/syntaxes/recipe.tmLanguage.json',
  ]);
});

test.run();
