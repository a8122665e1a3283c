// `sous new plugin`: writes create-sous-plugin's template inside the workspace (test-output/,
// ignored by git, so that the package resolves sous from the workspace's node_modules); `sous
// check` accepts its recipe and `sous run --steps 2` trains it with the new node's metric.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { metricRecords } from './run-metrics.js';
import { spawnSous } from './spawn-sous.js';

const OUTPUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-output');
const PACKAGE = path.join(OUTPUT, 'greet');
const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

fs.rmSync(OUTPUT, { recursive: true, force: true });
fs.mkdirSync(OUTPUT, { recursive: true });

test('sous new plugin writes a scoped package with the namespace given, and says what next', () => {
  const made = spawnSous(
    ['new', 'plugin', '@me/sous-plugin-greet', '--dir', 'greet', '--namespace', 'hi', '--no-install'],
    {
      cwd: OUTPUT,
    },
  );
  assert.is(made.status, 0, output(made));
  assert.is(
    made.stdout,
    'wrote 8 files to greet (namespace hi)\nnext:\n  cd greet\n  npm install\n' +
      '  npm test          # the node test\n  npm run check     # sous check on the recipe\n' +
      '  npm run smoke     # two training steps of the recipe\n',
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
  const cli = JSON.parse(fs.readFileSync(path.resolve(OUTPUT, '../package.json'), 'utf8'));
  assert.is(manifest.name, '@me/sous-plugin-greet');
  assert.is(manifest.devDependencies['@sous/cli'], `^${cli.version}`);
});

test("sous check accepts the new package's recipe", () => {
  const checked = spawnSous(['check', 'recipes/hi.recipe'], { cwd: PACKAGE });
  assert.is(checked.status, 0, output(checked));
  assert.is(checked.stdout, 'checked 1 file: no problems\n');
});

test("sous run --steps 2 --no-eval trains the new package's recipe and records its node's metric", () => {
  const out = path.join(PACKAGE, 'runs/smoke');
  const result = spawnSous(
    ['run', 'recipes/hi.recipe', '--steps', '2', '--no-eval', '--out', out, '--backend', 'cpu'],
    {
      cwd: PACKAGE,
    },
  );
  assert.is(result.status, 0, output(result));
  const records = metricRecords(out);
  const shares = records.map((record) => record['reward.pass_share']).filter((share) => share !== undefined);
  assert.is(shares.length, 2, JSON.stringify(records));
  for (const share of shares) assert.ok(typeof share === 'number' && share >= 0 && share <= 1, String(share));
});

test('a refused name, namespace or folder is a usage error (exit 2) that writes nothing', () => {
  const bad = spawnSous(['new', 'plugin', 'Sous-Plugin-X', '--no-install'], { cwd: OUTPUT });
  assert.is(bad.status, 2);
  assert.is(
    bad.stderr,
    'sous new plugin: "Sous-Plugin-X" is not a valid npm package name: name can no longer contain capital letters\n',
  );
  const keyword = spawnSous(['new', 'plugin', 'sous-plugin-stage', '--no-install'], { cwd: OUTPUT });
  assert.is(keyword.status, 2);
  assert.match(keyword.stderr, /^sous new plugin: namespace "stage" is a word of the recipe language/);
  const taken = spawnSous(['new', 'plugin', 'sous-plugin-greet', '--dir', 'greet', '--no-install'], { cwd: OUTPUT });
  assert.is(taken.status, 2);
  assert.match(taken.stderr, /^sous new plugin: .*greet is not empty; give a new or empty folder \(--dir\)\n$/);
  const missing = spawnSous(['new', 'plugin'], { cwd: OUTPUT });
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /missing required argument 'name'/);
  assert.equal(fs.readdirSync(OUTPUT), ['greet']);
});

test('sous new plugin --help names the conventions', () => {
  const help = spawnSous(['new', 'plugin', '--help'], { cwd: OUTPUT });
  assert.is(help.status, 0);
  assert.match(help.stdout, /sous-plugin-<x> or @scope\/sous-plugin-<x>/);
});

test.run();
