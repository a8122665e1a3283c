// `sous graph` on the GRPO example with the real plugins (the default registry loader), in process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSous } from './run-in-process.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const grpo = path.join(root, 'examples', 'grpo-arithmetic.recipe');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-cli-graph-'));

const sous = (...args: string[]) => runSous(args);

test('`sous graph` prints DOT: a cluster per stage, top-level nodes outside, member and operator edges', async () => {
  const run = await sous('graph', grpo);
  assert.is(run.status, 0, run.stderr);
  const dot = run.stdout;
  assert.ok(dot.startsWith('digraph "grpo-arithmetic" {\n'));
  assert.match(dot, '  subgraph "cluster_sft" {\n    label="stage sft · 600 steps · adamw lr 0.001";');
  assert.match(dot, '  subgraph "cluster_grpo" {\n    label="stage grpo · 300 steps · adamw lr 1e-4";');
  assert.match(dot, '\n  "policy" [label="policy\\nmodels.gpt\\npreset: \\"tiny\\"", color="#b07aa1"];\n');
  assert.match(dot, '\n    "grpo.rollouts" [label="rollouts\\nsamplers.group\\n');
  assert.match(dot, '\n    "grpo.loss" [label="+", shape=circle,');
  assert.match(dot, '\n  "task" -> "sft.batch" [label=".train"];\n');
  assert.match(dot, '\n  "grpo.rollouts" -> "grpo.reward";\n');
  assert.match(dot, '\n  "grpo.loss$1" -> "grpo.loss";\n');
  assert.ok(dot.endsWith('}\n'));
});

test('`sous graph --format svg -o FILE` writes one svg', async () => {
  const out = path.join(dir, 'grpo.svg');
  const run = await sous('graph', grpo, '--format', 'svg', '-o', out);
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout, '');
  const svg = fs.readFileSync(out, 'utf8');
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.match(svg, 'data-node="grpo.rollouts"');
});

test('`sous graph` on a missing file exits 2 with one line naming it', async () => {
  const missing = path.join(dir, 'nope.recipe');
  const run = await sous('graph', missing);
  assert.is(run.status, 2);
  assert.is(run.stdout, '');
  assert.is(run.stderr, `${missing}: cannot read the recipe: no such file\n`);
});

test('`sous graph --format` takes dot or svg only: png and inherited object names are usage errors (exit 2)', async () => {
  // toString and constructor once passed a lookup in a plain object ({} has both).
  for (const format of ['png', 'toString', 'constructor', '__proto__']) {
    const run = await sous('graph', grpo, '--format', format);
    assert.is(run.status, 2, format);
    assert.is(run.stdout, '', format);
    assert.is(
      run.stderr,
      `error: option '--format <format>' argument '${format}' is invalid. Allowed choices are dot, svg. (see \`sous --help\`)\n`,
    );
  }
});

test.run();
