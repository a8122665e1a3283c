// The report's browser script is bundled when the package is built (`npm ci` runs the build), not
// when a report is first written: an installed @sous/core reads dist/report-client.js and .css
// and never needs esbuild, an 11 MB native binary, at run time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGrpoRun } from './report-fixtures.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

test('no workspace package lists esbuild among what it needs at run time', () => {
  const manifests = ['dsl', ...fs.readdirSync(path.join(root, 'packages')).map((name) => path.join('packages', name))]
    .map((dir) => path.join(root, dir, 'package.json'))
    .filter((file) => fs.existsSync(file));
  assert.ok(manifests.length > 10, `${manifests.length} packages`);
  for (const file of manifests) {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      assert.not.ok(pkg[field]?.esbuild, `${path.relative(root, file)} lists esbuild in ${field}`);
    }
  }
});

test('the build ships the bundle in dist, and no built module imports esbuild', () => {
  const script = fs.readFileSync(path.join(dist, 'report-client.js'), 'utf8');
  const style = fs.readFileSync(path.join(dist, 'report-client.css'), 'utf8');
  assert.ok(script.length > 10_000 && style.length > 1_000, `script ${script.length} B, style ${style.length} B`);
  assert.not.match(script, /^\s*(import|export)\s/m, 'a self-contained IIFE, no module syntax');
  for (const name of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.js'))) {
    assert.not.match(
      fs.readFileSync(path.join(dist, name), 'utf8'),
      /from\s*["']esbuild["']|import\(\s*["']esbuild["']\s*\)/,
      name,
    );
  }
});

test('the built package writes a report that inlines the shipped bundle, with esbuild out of reach', () => {
  const dir = makeGrpoRun('built-report');
  // A child process without the `source` condition loads dist/index.js, as an installed package
  // does; a loader hook refuses esbuild, so a run-time bundle would fail the write.
  const refuse = `data:text/javascript,${encodeURIComponent('export async function resolve(s, c, next) { if (s === "esbuild") throw new Error("esbuild at run time"); return next(s, c); }')}`;
  const script = `import { register } from 'node:module'; register(${JSON.stringify(refuse)});
    const { writeReport } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
    const { file } = await writeReport(${JSON.stringify(dir)}); console.log(file);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
  assert.is(child.status, 0, child.stderr);
  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  const bundled = fs.readFileSync(path.join(dist, 'report-client.js'), 'utf8');
  assert.ok(html.includes(bundled.slice(0, 2000)), 'the page inlines dist/report-client.js');
});

test.run();
