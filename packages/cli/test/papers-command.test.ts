// `sous papers` (text, --json, --markdown and docs/papers.md), references in `sous nodes`, and
// the shape of every reference the first-party plugins declare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIRST_PARTY_PLUGINS, loadRegistry } from '@sous/runtime';
import type { PaperReport } from '../src/commands/papers.js';
import { runSous, type CliRun } from './run-in-process.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `sous ARGS` from the repository root, where `--examples` defaults to examples/. */
async function runAtRoot(args: string[]): Promise<CliRun> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return await runSous(args);
  } finally {
    process.chdir(cwd);
  }
}

test('docs/papers.md is what `sous papers --markdown` prints (run `npm run papers` after changing references or claims)', async () => {
  const run = await runAtRoot(['papers', '--markdown']);
  assert.is(run.status, 0, run.stderr);
  assert.ok(
    fs.readFileSync(`${root}/docs/papers.md`, 'utf8') === run.stdout,
    'docs/papers.md is stale: run `npm run papers`',
  );
});

test('--json lists a paper with its nodes, the recipes calling them and their judged claims', async () => {
  const run = await runAtRoot(['papers', '--json']);
  assert.is(run.status, 0, run.stderr);
  const papers = JSON.parse(run.stdout) as PaperReport[];
  const negative = papers.find((paper) => paper.reference.url === 'https://arxiv.org/abs/2506.01347');
  assert.ok(negative, 'Zhu et al. 2025 is listed');
  assert.equal(negative.reference.year, 2025);
  assert.equal(negative.nodes, ['objectives.sign_weight', 'objectives.advantage_sign']);
  assert.equal(
    negative.recipes.map((recipe) => recipe.file),
    ['examples/nsr.recipe', 'examples/psr.recipe', 'examples/w-reinforce.recipe'],
  );
  const psr = negative.recipes[1];
  assert.equal(psr.nodes, ['objectives.sign_weight']);
  assert.equal(psr.seeds, [7, 8, 9]);
  const lowers = psr.claims.find((claim) => claim.text === 'PSR lowers pass@8 (Zhu et al. 2025)');
  assert.ok(lowers);
  assert.is(lowers.verdict, 'not reproduced');
  assert.is(lowers.expected, '3 of 3 seeds < 0.000');
  assert.equal(
    lowers.measured?.map((value) => Number(value.toFixed(3))),
    [0.03, 0.084, 0.102],
  );
  // Every cited paper is listed once, however many nodes cite it.
  assert.is(new Set(papers.map((paper) => paper.reference.url)).size, papers.length);
});

test('the text listing names the paper, its link, nodes and each recipe claim with its verdict', async () => {
  const run = await runAtRoot(['papers']);
  assert.is(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const start = lines.indexOf('Tapered Off-Policy REINFORCE: Stable and efficient reinforcement learning for LLMs');
  assert.ok(start >= 0, run.stdout);
  assert.equal(lines.slice(start + 1, start + 5), [
    '  Nicolas Le Roux, Marc G. Bellemare, Jonathan Lebensold, et al. (2025)  https://arxiv.org/abs/2503.14286',
    '  nodes: objectives.topr',
    '  recipes:',
    '    examples/topr.recipe (objectives.topr)',
  ]);
  assert.match(
    lines[start + 5],
    /^ {6}holds: greedy accuracy ends above the SFT stage's \(topr@last accuracy − sft@last accuracy\); expected 3 of 3 seeds > 0\.000, measured /,
  );
});

test('a paper whose nodes no example calls says so, and without an examples folder lists none', async () => {
  const cwd = process.cwd();
  process.chdir(fs.mkdtempSync(path.join(os.tmpdir(), 'sous-papers-')));
  const run = await runSous(['papers']).finally(() => process.chdir(cwd));
  assert.is(run.status, 0, run.stderr);
  assert.not.match(run.stdout, /recipes:\n/);
  assert.match(
    run.stdout,
    /Proximal Policy Optimization Algorithms\n.*\n {2}nodes: objectives\.clipped_pg\n {2}recipes: none\n/,
  );
});

test('--examples naming no folder is an error that names the flag', async () => {
  const run = await runAtRoot(['papers', '--examples', 'no-such-folder']);
  assert.is(run.status, 2);
  assert.match(run.stderr, /--examples no-such-folder: no such folder/);
  assert.is(run.stdout, '');
});

test('--json and --markdown together are a usage error', async () => {
  const run = await runAtRoot(['papers', '--json', '--markdown']);
  assert.is(run.status, 2);
  assert.match(run.stderr, /--json and --markdown cannot be combined/);
  assert.is(run.stdout, '');
});

test("sous nodes shows a node's references: title, authors, year and link", async () => {
  const run = await runSous(['nodes', 'objectives']);
  assert.is(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const topr = lines.findIndex((line) => line.startsWith('  objectives.topr('));
  assert.ok(topr >= 0);
  assert.is(
    lines[topr + 2],
    '    reference: Tapered Off-Policy REINFORCE: Stable and efficient reinforcement learning for LLMs. Nicolas Le Roux, Marc G. Bellemare, Jonathan Lebensold, et al., 2025. https://arxiv.org/abs/2503.14286',
  );
});

test('every reference of a first-party node is well-formed', async () => {
  const registry = await loadRegistry(FIRST_PARTY_PLUGINS, root);
  const problems: string[] = [];
  let cited = 0;
  for (const plugin of registry.plugins()) {
    for (const node of plugin.nodes) {
      for (const ref of node.references ?? []) {
        cited++;
        const where = `${node.namespace}.${node.name}: "${ref.title}"`;
        if (ref.title.trim() === '') problems.push(`${where}: empty title`);
        if (ref.authors.trim() === '') problems.push(`${where}: empty authors`);
        if (!Number.isInteger(ref.year) || ref.year < 1000 || ref.year > 9999)
          problems.push(`${where}: year ${ref.year} is not a 4-digit year`);
        if (!/^https?:\/\/\S+$/.test(ref.url))
          problems.push(`${where}: url ${JSON.stringify(ref.url)} is not an http(s) link`);
        // More than three authors are written "First, Second, Third, et al.".
        if (ref.authors.split(',').filter((name) => name.trim() !== 'et al.').length > 3)
          problems.push(`${where}: more than three authors; end with "et al."`);
      }
    }
  }
  assert.equal(problems, []);
  assert.is(cited, 117, 'references across the first-party nodes');
});

test.run();
