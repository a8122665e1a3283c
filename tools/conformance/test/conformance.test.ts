// The plugin conventions: on every first-party plugin (none broken), and on a throwaway plugin
// package that breaks each convention once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { defineNode, definePlugin, type NodeDefinition } from '@sous/core';
import { scaffold } from 'create-sous-plugin';
import { citesMethod, conformanceProblems, loadPlugin, pluginPackages, workspaceProblems } from '../src/conformance.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('every first-party plugin keeps the conventions', async () => {
  const problems = await workspaceProblems(ROOT);
  assert.equal(problems, [], `conformance problems:\n${problems.join('\n')}`);
});

test('the plugins are found from the workspace, as the import-boundary check finds them', () => {
  const names = pluginPackages(ROOT).map((pkg) => pkg.name);
  for (const name of ['@sous/rewards', '@sous/objectives', '@sous/diffusion']) assert.ok(names.includes(name), name);
  for (const name of ['@sous/core', '@sous/runtime', '@sous/cli', '@sous/tool-conformance', 'create-sous-plugin']) {
    assert.not.ok(names.includes(name), name);
  }
});

test('the plugin `sous new plugin` scaffolds keeps the conventions', async () => {
  // Inside the workspace (ignored by git), so that it resolves @sous/core and zod from it.
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scaffolded-plugin');
  fs.rmSync(dir, { recursive: true, force: true });
  scaffold('sous-plugin-scaffolded', dir);
  const plugin = await loadPlugin({ name: 'sous-plugin-scaffolded', dir });
  assert.is(plugin?.namespace, 'scaffolded');
  assert.equal(conformanceProblems(plugin!, dir), []);
});

test('a doc cites a method by "et al.", a year, or a method name; plain docs do not', () => {
  for (const doc of [
    'The transform of Wang et al. 2024.',
    'As in Williams (1992).',
    'The teleport of Wang & Vastola 2024.',
    'The REINFORCE loss.',
    'Maximum mean discrepancy between the samples and the truth.',
    'The dual_clip surrogate.',
  ]) {
    assert.ok(citesMethod(doc), doc);
  }
  for (const doc of ['A frozen copy of the model.', 'Used with GRPO and PPO alike.', 'Keeps at most 2048 rows.']) {
    assert.not.ok(citesMethod(doc), doc);
  }
});

/** A plugin package folder holding `files` (path → text), removed after `use`. */
function withPackage(files: Record<string, string>, use: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-conformance-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const good = defineNode({
  name: 'good',
  kind: 'reward',
  doc: 'Scores each sequence 1.',
  params: z.object({}),
  inputs: { x: { type: 'Any', why: 'Any value is scored alike.' } },
  output: 'Rewards',
  messages: { empty: 'nothing to score' },
  run: (_inputs, _params, ctx) => ctx.fail('empty'),
});

/** A node like `good`, with `changes`. */
const node = (changes: Partial<NodeDefinition<any, any, any>>) => ({ ...good, ...changes }) as NodeDefinition;

const goodFile = "defineNode({ name: 'good', run: (i, p, ctx) => ctx.fail('empty') });";

test('a node that keeps every convention has no problem; a kind the plugin declares is accepted', () => {
  const plugin = definePlugin({
    namespace: 'demo',
    kinds: { scorer: 'scores things' },
    nodes: [good, node({ name: 'own_kind', kind: 'scorer' })],
  });
  withPackage(
    {
      'src/nodes/good.ts': goodFile,
      'src/nodes/own_kind.ts': goodFile.replace("'good'", "'own_kind'"),
      'test/good.test.ts': "import '../src/nodes/good.js';\nimport '../src/nodes/own_kind.js';",
    },
    (dir) => assert.equal(conformanceProblems(plugin, dir), []),
  );
});

test('each broken convention is one `plugin.node: problem` line', () => {
  const plugin = definePlugin({
    namespace: 'demo',
    nodes: [
      node({ name: 'elsewhere' }),
      node({ name: 'untested' }),
      node({ name: 'no_doc', doc: ' ' }),
      node({ name: 'no_period', doc: 'Scores each sequence' }),
      node({ name: 'cites', doc: 'The loss of Smith et al. 2020.' }),
      node({ name: 'cites_with_references', doc: 'The loss of Smith et al. 2020.', references: [] }),
      node({ name: 'bare_any', inputs: { x: 'Any', y: { type: 'Any', why: ' ' } }, output: 'Any' }),
      node({ name: 'odd_kind', kind: 'scorer' }),
      node({ name: 'unraised', messages: { empty: 'nothing', short: 'too short' } }),
      node({ name: 'undeclared' }),
      node({ name: 'helper' }),
    ],
  });
  const tested = ['untested', 'elsewhere'];
  const files: Record<string, string> = {
    'src/nodes/elsewhere.ts': goodFile,
    'src/nodes/unraised.ts': goodFile.replace("'good'", "'unraised'"),
    'src/nodes/undeclared.ts':
      "defineNode({ name: 'undeclared', run: (i, p, ctx) => ctx.fail(i.x ? 'empty' : 'odd') });",
    'src/nodes/helper.ts':
      "import { check } from '../lib/check.js';\ndefineNode({ name: 'helper', run: (i, p, ctx) => check(ctx.fail) });",
    'src/lib/check.ts': "export const check = (fail) => fail('empty');",
    'test/all.test.ts': plugin.nodes
      .map((n) => n.name)
      .filter((name) => !tested.includes(name))
      .map((name) => `import '../src/nodes/${name}.js';`)
      .join('\n'),
  };
  for (const name of ['untested', 'no_doc', 'no_period', 'cites', 'cites_with_references', 'bare_any', 'odd_kind']) {
    files[`src/nodes/${name}.ts`] = goodFile.replace("'good'", `'${name}'`);
  }
  withPackage(files, (dir) =>
    assert.equal(conformanceProblems(plugin, dir), [
      'demo.bare_any: input x is Any without a why',
      'demo.bare_any: input y is Any without a why',
      'demo.bare_any: its output is Any without a why',
      'demo.cites: its doc cites a method but it lists no references',
      'demo.cites_with_references: its doc cites a method but it lists no references',
      'demo.elsewhere: not defined in src/nodes/elsewhere.ts',
      'demo.no_doc: no doc',
      'demo.no_period: its doc does not end with a period',
      'demo.odd_kind: kind "scorer" is none of task, model, sampler, reward, advantage, mask, loss, eval, metric and not in the plugin\'s kinds',
      'demo.undeclared: raises message "odd", which its messages do not declare',
      'demo.unraised: message "short" is declared but no ctx.fail raises it',
      'demo.untested: no file under test/ imports src/nodes/untested.js',
    ]),
  );
});

test.run();
