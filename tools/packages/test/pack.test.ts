// The tarball npm makes of a package has no `source` export condition and none of the workspace's
// scripts, and packing leaves the workspace's package.json as it was.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { manifestProblems, publishableDirs, type Manifest } from '../src/manifest.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('npm pack publishes the manifest without `source` conditions and restores the workspace one', () => {
  const dir = path.join(ROOT, 'packages', 'core');
  const before = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-pack-test-'));
  execFileSync('npm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'ignore' });
  const [tarball] = fs.readdirSync(out);
  const packed = JSON.parse(
    execFileSync('tar', ['-xzOf', path.join(out, tarball), 'package/package.json'], { encoding: 'utf8' }),
  );
  fs.rmSync(out, { recursive: true, force: true });
  assert.equal(packed.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' });
  assert.equal(packed.exports['./testing'], { types: './dist/testing.d.ts', default: './dist/testing.js' });
  assert.is(packed.scripts, undefined);
  assert.is(packed.name, '@sous/core');
  assert.is(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), before);
  assert.not.ok(fs.existsSync(path.join(dir, '.package.workspace.json')));
});

test('every publishable package has the manifest fields publishing needs', () => {
  const problems = publishableDirs(ROOT).flatMap((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
    const isPlugin = pkg.keywords?.includes('sous-plugin') ?? false;
    return manifestProblems(pkg, path.relative(ROOT, dir), isPlugin).map((p) => `${pkg.name}: ${p}`);
  });
  assert.equal(problems, []);
  assert.is(publishableDirs(ROOT).length, 15);
});

test('a plugin that depends on its own copy of the kit is a problem', () => {
  const plugin: Manifest = {
    name: 'sous-plugin-x',
    license: 'MIT',
    engines: { node: '>=20.10' },
    files: ['dist', 'README.md'],
    repository: { url: 'git+https://example.invalid/x.git', directory: 'packages/x' },
    keywords: ['sous', 'sous-plugin'],
    scripts: { prepack: 'node pack-manifest.mjs strip', postpack: 'node pack-manifest.mjs restore' },
    dependencies: { '@sous/core': '^0.1.0' },
    peerDependencies: { '@tensorflow/tfjs': '^4.22.0' },
    devDependencies: { '@sous/core': '^0.1.0', '@tensorflow/tfjs': '^4.22.0' },
  };
  assert.equal(manifestProblems(plugin, 'packages/x', true), [
    'lists @sous/core under dependencies: a plugin takes it as a peer',
    '@sous/core must be a peerDependency (and a devDependency)',
  ]);
});

test.run();
