// scaffold() writes the template as a package inside the workspace (test-output/, ignored by git), so
// that the package resolves @sous/core, zod and TensorFlow.js from the workspace's node_modules as an
// installed one resolves them from its own; its own `npm test` and tsc must pass as generated.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYWORDS } from '@sous/dsl';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkNamespace,
  checkPackageName,
  install,
  namespaceFor,
  nextSteps,
  RECIPE_KEYWORDS,
  scaffold,
} from '../src/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const OUTPUT = path.resolve(HERE, '../test-output');
const PACKAGE = path.join(OUTPUT, 'hello');
const tsx = import.meta.resolve('tsx');
const version = (dir: string) => JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')).version;
const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

fs.rmSync(OUTPUT, { recursive: true, force: true });
fs.mkdirSync(OUTPUT, { recursive: true });

test('the namespace comes from the name: scope and sous-plugin- dropped, - made _', () => {
  assert.is(namespaceFor('sous-plugin-hello'), 'hello');
  assert.is(namespaceFor('@scope/sous-plugin-hello'), 'hello');
  assert.is(namespaceFor('hello'), 'hello');
  assert.is(namespaceFor('@me/sous-plugin-my-thing.v2'), 'my_thing_v2');
});

test('names npm would refuse and namespaces a recipe cannot write are refused, with the reason', () => {
  assert.throws(
    () => checkPackageName('Hello'),
    /"Hello" is not a valid npm package name: name can no longer contain capital letters$/,
  );
  assert.throws(() => checkPackageName('a b'), /"a b" is not a valid npm package name: .*URL-friendly/);
  checkPackageName('@scope/sous-plugin-hello');
  assert.throws(() => checkNamespace('2d'), /namespace "2d" is not a recipe name .*--namespace/);
  assert.throws(() => checkNamespace('stage'), /namespace "stage" is a word of the recipe language/);
  assert.throws(() => checkNamespace('rewards'), /namespace "rewards" is @sous\/rewards's/);
  checkNamespace('hello_2');
});

test("the namespace check knows every word of the recipe language (@sous/dsl's KEYWORDS)", () => {
  assert.equal([...RECIPE_KEYWORDS].sort(), [...KEYWORDS].sort());
});

test('a non-empty folder is refused and left as it was; a file where the folder should be too', () => {
  const taken = path.join(OUTPUT, 'taken');
  fs.mkdirSync(taken);
  fs.writeFileSync(path.join(taken, 'notes.txt'), 'mine');
  assert.throws(() => scaffold('sous-plugin-taken', taken), /taken is not empty; give a new or empty folder/);
  assert.equal(fs.readdirSync(taken), ['notes.txt']);
  assert.throws(() => scaffold('sous-plugin-taken', path.join(taken, 'notes.txt')), /exists and is not a folder/);
  assert.throws(() => scaffold('sous-plugin-x', path.join(OUTPUT, 'x'), { namespace: 'x-y' }), /not a recipe name/);
  assert.not.ok(fs.existsSync(path.join(OUTPUT, 'x')));
});

test('scaffold writes the package, its @sous dependencies at the workspace versions', () => {
  const written = scaffold('sous-plugin-hello', PACKAGE);
  assert.equal(written, {
    dir: PACKAGE,
    namespace: 'hello',
    files: [
      '.gitignore',
      'README.md',
      'package.json',
      'recipes/hello.recipe',
      'src/index.ts',
      'src/nodes/threshold.ts',
      'test/threshold.test.ts',
      'tsconfig.json',
    ],
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
  assert.is(manifest.name, 'sous-plugin-hello');
  const tfjs = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages/core/package.json'), 'utf8')).peerDependencies[
    '@tensorflow/tfjs'
  ];
  assert.equal(manifest.peerDependencies, { '@sous/core': `^${version('packages/core')}`, '@tensorflow/tfjs': tfjs });
  assert.is(manifest.devDependencies['@sous/cli'], `^${version('packages/cli')}`);
  assert.is(manifest.devDependencies['@sous/rewards'], `^${version('packages/rewards')}`);
  const recipe = fs.readFileSync(path.join(PACKAGE, 'recipes/hello.recipe'), 'utf8');
  assert.match(recipe, /^use "sous-plugin-hello"$/m);
  assert.match(recipe, /= hello\.threshold\(/);
  assert.match(fs.readFileSync(path.join(PACKAGE, 'src/index.ts'), 'utf8'), /namespace: 'hello'/);
});

test("the generated package's npm test passes out of the box", () => {
  const result = spawnSync('npm', ['test'], { cwd: PACKAGE, encoding: 'utf8' });
  assert.is(result.status, 0, output(result));
  assert.match(result.stdout, /Passed:\s+1\b/);
});

test('the generated package type-checks', () => {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  // `source` resolves @sous/core to its TypeScript, as it is not built with declarations here.
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--customConditions', 'source'], {
    cwd: PACKAGE,
    encoding: 'utf8',
  });
  assert.is(result.status, 0, output(result));
});

test('next steps name the folder relative to here, or absolute outside it, and npm install unless done', () => {
  const written = { dir: path.join(OUTPUT, 'hello'), namespace: 'hello', files: ['README.md'] };
  assert.is(
    nextSteps(written, false, OUTPUT),
    'wrote 1 files to hello (namespace hello)\nnext:\n  cd hello\n  npm install\n' +
      '  npm test          # the node test\n  npm run check     # sous check on the recipe\n' +
      '  npm run smoke     # two training steps of the recipe',
  );
  const elsewhere = nextSteps(written, true, path.join(OUTPUT, 'other'));
  assert.ok(
    elsewhere.startsWith(`wrote 1 files to ${written.dir} (namespace hello)\nnext:\n  cd ${written.dir}\n  npm test`),
  );
});

test('install runs `npm install` in the new package and says whether it worked', () => {
  const npm = path.join(OUTPUT, 'fake-npm.sh');
  fs.writeFileSync(npm, '#!/bin/sh\necho "$PWD $*" > "$(dirname "$0")/npm-args.txt"\nexit "$FAKE_NPM_EXIT"\n', {
    mode: 0o755,
  });
  try {
    process.env.FAKE_NPM_EXIT = '0';
    assert.is(install(PACKAGE, npm), true);
    assert.is(fs.readFileSync(path.join(OUTPUT, 'npm-args.txt'), 'utf8'), `${PACKAGE} install --no-audit --no-fund\n`);
    process.env.FAKE_NPM_EXIT = '1';
    assert.is(install(PACKAGE, npm), false);
  } finally {
    delete process.env.FAKE_NPM_EXIT;
  }
});

test('npm init sous-plugin (the bin): writes the package, and a refused name is exit 2 with one line', () => {
  const bin = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--conditions=source', '--import', tsx, path.resolve(HERE, '../src/main.ts'), ...args],
      {
        cwd: OUTPUT,
        encoding: 'utf8',
      },
    );
  const made = bin(['@me/sous-plugin-greet', '--no-install']);
  assert.is(made.status, 0, output(made));
  assert.match(made.stdout, /^wrote 8 files to sous-plugin-greet \(namespace greet\)\n/);
  assert.ok(fs.existsSync(path.join(OUTPUT, 'sous-plugin-greet/recipes/greet.recipe')));
  const bad = bin(['Bad Name']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /^create-sous-plugin: "Bad Name" is not a valid npm package name/);
  const none = bin([]);
  assert.is(none.status, 2);
  assert.match(none.stderr, /^create-sous-plugin: give one package name\nusage: npm init sous-plugin NAME/);
  const help = bin(['--help']);
  assert.is(help.status, 0);
  assert.match(help.stdout, /sous-plugin-<x> or @scope\/sous-plugin-<x>/);
});

test.run();
