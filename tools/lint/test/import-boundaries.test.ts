// The import-boundary check: on this workspace (no violation), and on
// throwaway workspaces that break each rule once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkImportBoundaries, loadPackages, type Violation } from '../src/import-boundaries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('the workspace keeps its import boundaries', () => {
  const violations = checkImportBoundaries(ROOT).map((violation) => violation.message);
  assert.equal(violations, [], `import-boundary violations:\n${violations.join('\n')}`);
});

test('the plugins are the packages under packages/ but the kit, the platform and the scaffolder', () => {
  const plugins = loadPackages(ROOT)
    .packages.filter((pkg) => pkg.plugin)
    .map((pkg) => pkg.name);
  assert.ok(plugins.includes('@sous/rewards'));
  for (const name of ['@sous/core', '@sous/runtime', '@sous/cli', 'create-sous-plugin']) {
    assert.not.ok(plugins.includes(name), name);
  }
});

/** The violations in a workspace made of `files` (path → text); package.json values may be objects. */
function check(files: Record<string, string | object>): Violation[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-boundaries-'));
  try {
    const manifests = {
      'package.json': { name: 'root', workspaces: ['packages/*', 'tools/*'], devDependencies: { uvu: '*' } },
    };
    for (const [file, content] of Object.entries({ ...manifests, ...files })) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return checkImportBoundaries(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const messages = (violations: Violation[]) => violations.map((violation) => violation.message);
const plugin = (dependencies: Record<string, string> = {}, devDependencies: Record<string, string> = {}) => ({
  name: '@sous/rewards',
  dependencies: { '@sous/core': '*', ...dependencies },
  devDependencies,
});

test('declared dependencies, own files and node builtins pass', () => {
  const violations = check({
    'packages/rewards/package.json': plugin({ zod: '*' }),
    'packages/rewards/src/index.ts':
      "import fs from 'node:fs';\nimport path from 'path';\nimport { z } from 'zod';\nimport { defineNode } from '@sous/core';\nexport { helper } from './helper.js';\n",
    'packages/rewards/src/helper.ts': "import { z } from 'zod/mini';\nexport const helper = 1;\n",
  });
  assert.equal(violations, []);
});

test('an import that package.json does not list names the manifest, once per package and dependency', () => {
  const violations = check({
    'packages/rewards/package.json': plugin(),
    'packages/rewards/src/a.ts': "import { z } from 'zod';\n",
    'packages/rewards/src/b.ts': "\nexport { z } from 'zod/v4';\n",
  });
  assert.equal(messages(violations), [
    'packages/rewards/src/a.ts:1: imports zod, which packages/rewards/package.json does not list',
  ]);
});

test('a devDependency serves tests, scripts and type-only imports, but not src/', () => {
  const files = {
    'packages/rewards/package.json': plugin({}, { 'd3-array': '*' }),
    'packages/rewards/test/a.test.ts': "import { test } from 'uvu';\nimport { mean } from 'd3-array';\n",
    'packages/rewards/scripts/plot.ts': "import { mean } from 'd3-array';\n",
    'packages/rewards/src/types.ts':
      "import type { Numeric } from 'd3-array';\nexport { type Primitive } from 'd3-array';\n",
  };
  assert.equal(check(files), []);
  const violations = check({
    ...files,
    'packages/rewards/src/mean.ts': "import { type Numeric, mean } from 'd3-array';\nimport 'uvu';\n",
  });
  assert.equal(messages(violations), [
    'packages/rewards/src/mean.ts:1: imports d3-array, which packages/rewards/package.json lists only as a devDependency; list it in dependencies',
    'packages/rewards/src/mean.ts:2: imports uvu, which the root package.json lists only as a devDependency; list it in dependencies',
  ]);
});

test('a plugin may not import the packages that run plugins, even when it lists them', () => {
  const violations = check({
    'packages/rewards/package.json': plugin({ '@sous/runtime': '*' }),
    'packages/rewards/src/index.ts':
      "import { train } from '@sous/runtime/trainer';\nimport type { Command } from '@sous/cli';\n",
  });
  assert.equal(messages(violations), [
    'packages/rewards/src/index.ts:2: a plugin imports @sous/cli, which runs plugins; plugins build on @sous/core alone',
    'packages/rewards/src/index.ts:1: a plugin imports @sous/runtime, which runs plugins; plugins build on @sous/core alone',
    'packages/rewards/src/index.ts:2: imports @sous/cli, which packages/rewards/package.json does not list',
  ]);
  // The CLI is no plugin: it runs them.
  const cli = check({
    'packages/cli/package.json': { name: '@sous/cli', dependencies: { '@sous/runtime': '*' } },
    'packages/cli/src/index.ts': "import { train } from '@sous/runtime';\n",
  });
  assert.equal(cli, []);
  // A plugin's tests may start backends through the runtime, as a devDependency.
  const pluginTest = check({
    'packages/rewards/package.json': plugin({}, { '@sous/runtime': '*' }),
    'packages/rewards/test/backend.test.ts': "import { chooseBackend } from '@sous/runtime';\n",
  });
  assert.equal(pluginTest, []);
});

test("a package template's code (a folder with a _package.json) is the written package's, not its holder's", () => {
  const files = {
    'packages/create-sous-plugin/package.json': { name: 'create-sous-plugin' },
    'packages/create-sous-plugin/template/_package.json': '{}',
    'packages/create-sous-plugin/template/src/index.ts': "import { z } from 'zod';\n",
  };
  assert.equal(check(files), []);
  // Without the _package.json the same file is the holder's, and its import undeclared.
  const { 'packages/create-sous-plugin/template/_package.json': _, ...withoutTemplate } = files;
  assert.equal(messages(check(withoutTemplate)), [
    'packages/create-sous-plugin/template/src/index.ts:1: imports zod, which packages/create-sous-plugin/package.json does not list',
  ]);
});

test("paths into another package's src/ are refused; its tests and the tools serve tests by path", () => {
  const violations = check({
    'packages/core/package.json': { name: '@sous/core' },
    'packages/core/src/internal.ts': 'export const secret = 1;\n',
    'packages/core/test/fixture.ts': 'export const fixture = 1;\n',
    'tools/test/package.json': { name: '@sous/tool-test', private: true },
    'tools/test/golden.ts': 'export const golden = 1;\n',
    'packages/rewards/package.json': plugin(),
    'packages/rewards/src/index.ts':
      "import type { golden } from '../../../tools/test/golden.js';\nimport { secret } from '../../core/src/internal.js';\n",
    'packages/rewards/test/a.test.ts':
      "import { fixture } from '../../core/test/fixture.js';\nimport { golden } from '../../../tools/test/golden.js';\n",
    'packages/rewards/src/main.ts':
      "import { golden } from '../../../tools/test/golden.js';\nimport './missing.js';\nimport './style.css';\n",
    'packages/rewards/src/style.css': 'body {}\n',
  });
  assert.equal(messages(violations), [
    'packages/rewards/src/index.ts:2: "../../core/src/internal.js" reaches outside packages/rewards/ to packages/core/src/internal.ts: import it through @sous/core\'s exports',
    'packages/rewards/src/main.ts:1: "../../../tools/test/golden.js" reaches outside packages/rewards/ to tools/test/golden.ts: import it through @sous/tool-test\'s exports',
    'packages/rewards/src/main.ts:2: "./missing.js" names no file',
  ]);
});

test('a cycle between files is reported as the list of files, shortest first; type-only imports make none', () => {
  const violations = check({
    'packages/rewards/package.json': plugin(),
    'packages/rewards/src/a.ts': "import { b } from './b.js';\nexport const a = 1;\n",
    'packages/rewards/src/b.ts': "import { c } from './c.js';\nimport { d } from './d.js';\nexport const b = 1;\n",
    'packages/rewards/src/c.ts': "export { a } from './a.js';\nexport const c = 1;\n",
    'packages/rewards/src/d.ts': "import { c } from './c.js';\nexport const d = 1;\n",
    'packages/rewards/src/types.ts': "import type { Shape } from './uses-types.js';\nexport type Other = 1;\n",
    'packages/rewards/src/uses-types.ts': "import type { Other } from './types.js';\nexport type Shape = Other;\n",
  });
  assert.equal(messages(violations), [
    "import cycle: packages/rewards/src/a.ts → packages/rewards/src/b.ts → packages/rewards/src/c.ts → packages/rewards/src/a.ts (4 files in the cycle's component)",
  ]);
  assert.is(
    violations[0].key,
    'file-cycle packages/rewards/src/a.ts packages/rewards/src/b.ts packages/rewards/src/c.ts packages/rewards/src/d.ts',
  );
});

test('a cycle between packages is reported, from imports or from package.json', () => {
  const violations = check({
    'packages/core/package.json': { name: '@sous/core', dependencies: { '@sous/dsl': '*' } },
    'packages/dsl/package.json': { name: '@sous/dsl', dependencies: { '@sous/core': '*' } },
    'packages/dsl/src/index.ts': "import { tf } from '@sous/core';\n",
  });
  assert.equal(messages(violations), ['import cycle: @sous/core → @sous/dsl → @sous/core']);
});

test.run();
