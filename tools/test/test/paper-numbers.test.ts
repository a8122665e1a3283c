// Papers are cited by title, authors, year and link, never by their number in a private list:
// the sources and docs of packages, dsl, examples, tools and docs may not say "paper N" or
// "papers N, M". Build output and installed packages are not searched.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SEARCHED = ['packages', 'dsl', 'examples', 'tools', 'docs'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', '.nx']);
const TEXT_FILE = /\.(ts|mts|mjs|js|json|md|recipe|c|h|gyp|yml|yaml|txt)$/;
const PAPER_NUMBER = /\bpapers? [0-9]/i;

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* files(full);
    } else if (entry.isFile() && TEXT_FILE.test(entry.name)) {
      yield full;
    }
  }
}

/** file:line of every line citing a paper by number. */
export function paperNumberCitations(dirs: string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of files(dir)) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PAPER_NUMBER.test(line)) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

test('no file cites a paper by number', () => {
  const found = paperNumberCitations(SEARCHED.map((dir) => path.join(root, dir)));
  assert.ok(found.length === 0, `cite the title, authors, year and link instead:\n${found.join('\n')}`);
});

test('the search finds a cited number, singular or plural, but not in build output', () => {
  // Built from parts so that this file does not cite a number itself.
  const cite = (word: string, numbers: string) => `${word} ${numbers}`;
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'paper-numbers-'));
  try {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'node.ts'), `// ok\n// rewards.brier (${cite('paper', '38')})\n`);
    fs.writeFileSync(path.join(dir, 'doc.md'), `Denoising (${cite('Papers', '3, 17')})\n`);
    fs.writeFileSync(path.join(dir, 'dist', 'node.js'), `// ${cite('paper', '38')}\n`);
    const found = paperNumberCitations([dir]).map((entry) => entry.replace(/^.*?([^/]+:\d+):/, '$1:'));
    assert.equal(found.sort(), [
      `doc.md:1: Denoising (${cite('Papers', '3, 17')})`,
      `node.ts:2: // rewards.brier (${cite('paper', '38')})`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
