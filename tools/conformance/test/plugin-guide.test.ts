// docs/plugin-guide.md is tested by running it: its file blocks become a package (in
// guide-plugin/, rebuilt here, ignored by git) that must type-check, pass its own NodeTester test,
// and whose recipe `sous check` accepts and `sous run --steps 2` trains, with the plugin's metric.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { metricRecords } from '../../../packages/cli/test/run-metrics.js';
import { spawnSous } from '../../../packages/cli/test/spawn-sous.js';
import { guideFiles, writePackage } from '../src/guide.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the workspace, so that the package resolves @sous/core, zod and TensorFlow.js from the
// workspace's node_modules as an installed plugin resolves them from its own.
const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../guide-plugin');
const guide = fs.readFileSync(path.join(ROOT, 'docs/plugin-guide.md'), 'utf8');
const tsx = import.meta.resolve('tsx');

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: PACKAGE, encoding: 'utf8', env: { ...process.env, SOUS_BACKEND: 'cpu' } });
const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

test('the guide writes a whole package: manifest, port type, node, entry, test and recipe', () => {
  const files = guideFiles(guide);
  assert.equal(
    files.map((file) => file.file),
    [
      'package.json',
      'tsconfig.json',
      'src/port-types.ts',
      'src/nodes/reward.ts',
      'src/index.ts',
      'test/reward.test.ts',
      'examples/clip.recipe',
    ],
  );
  writePackage(PACKAGE, files);
  assert.is(fs.readFileSync(path.join(PACKAGE, 'src/index.ts'), 'utf8'), files[4].text);
});

test('a block that names a file twice, or one outside the package, is refused', () => {
  const block = (file: string) => `\`\`\`ts file=${file}\nexport {};\n\`\`\`\n`;
  assert.equal(guideFiles(`${block('a.ts')}text\n${block('src/b.ts')}`), [
    { file: 'a.ts', text: 'export {};\n' },
    { file: 'src/b.ts', text: 'export {};\n' },
  ]);
  assert.throws(() => guideFiles(block('a.ts') + block('a.ts')), /two blocks for a\.ts/);
  assert.throws(() => guideFiles(block('../a.ts')), /outside the package/);
  assert.throws(() => guideFiles(block('/a.ts')), /outside the package/);
});

test("the guide's package type-checks", () => {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  // `source` resolves @sous/core to its TypeScript, as it is not built with declarations here.
  const result = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--customConditions', 'source']);
  assert.is(result.status, 0, output(result));
});

test("the guide's NodeTester test passes", () => {
  const result = run(process.execPath, ['--conditions=source', '--import', tsx, 'test/reward.test.ts']);
  assert.is(result.status, 0, output(result));
  assert.match(result.stdout, /Passed:\s+1\b/);
});

test('sous check accepts the recipe, as the guide shows, and refuses a parameter of the wrong type', () => {
  const checked = spawnSous(['check', 'examples/clip.recipe'], { cwd: PACKAGE });
  assert.is(checked.status, 0, output(checked));
  assert.is(checked.stdout, 'checked 1 file: no problems\n');
  assert.ok(guide.includes(`$ npx sous check examples/clip.recipe\n${checked.stdout}`));

  const recipe = fs.readFileSync(path.join(PACKAGE, 'examples/clip.recipe'), 'utf8');
  fs.writeFileSync(path.join(PACKAGE, 'examples/bad.recipe'), recipe.replace('low: 0,', 'low: "zero",'));
  const bad = spawnSous(['check', 'examples/bad.recipe'], { cwd: PACKAGE });
  assert.is(bad.status, 1, output(bad));
  assert.match(bad.stderr, /bad\.recipe:\d+:\d+: .*\blow\b/);
});

test("sous run --steps 2 trains the recipe and records the plugin's metric", () => {
  const out = path.join(PACKAGE, 'runs/smoke');
  const result = spawnSous(['run', 'examples/clip.recipe', '--steps', '2', '--out', out, '--backend', 'cpu'], {
    cwd: PACKAGE,
  });
  assert.is(result.status, 0, output(result));
  const records = metricRecords(out);
  const shares = records.map((record) => record['reward.clip_share']).filter((share) => share !== undefined);
  assert.is(shares.length, 2, JSON.stringify(records));
  for (const share of shares) assert.ok(typeof share === 'number' && share >= 0 && share <= 1, String(share));
});

test.run();
