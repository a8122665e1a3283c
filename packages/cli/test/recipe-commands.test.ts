// `sous check / fmt / plan / explain / nodes`, in process on the real first-party plugins (loaded
// by @sous/runtime's loadRegistry, as the installed `sous` loads them), plus one spawn of the real CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { loadRegistry } from '@sous/runtime';
import { runSous } from './run-in-process.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const examples = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.recipe'))
  .map((f) => path.join(root, 'examples', f));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-cli-recipes-'));

/** Runs `sous ARGS` in this process, capturing what it prints. */
const sous = (...args: string[]) => runSous(args);

function recipe(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const GOOD = `sous 1
use "@sous/tasks"
use "@sous/models"
use "@sous/samplers"
use "@sous/objectives"

task   = tasks.arithmetic(digits: 2)
policy = models.gpt(vocab: task.vocab)

stage sft {
  steps 10
  optimizer adamw(lr: 3e-4)
  batch = samplers.dataset(task.train, size: 8)
  loss  = objectives.nll(policy, batch)
}
`;
const good = recipe('good.recipe', GOOD);
const registry = await loadRegistry(usedPackages(parse(GOOD, good).ast), dir);
const typo = recipe('typo.recipe', GOOD.replace('samplers.dataset', 'samplers.datset'));

test('`sous check` on a clean recipe exits 0', async () => {
  const run = await sous('check', good);
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout, 'checked 1 file: no problems\n');
  assert.is(run.stderr, '');
});

test('`sous check` on a misspelt node: exit 1, path:line:col, the source line, a caret and the suggestion', async () => {
  const run = await sous('check', typo);
  assert.is(run.status, 1);
  const lines = run.stderr.split('\n');
  assert.is(lines[0], `${typo}:13:11: error[R0202]: unknown node "samplers.datset"`);
  assert.is(lines[1], '  13 |   batch = samplers.dataset(task.train, size: 8)'.replace('dataset', 'datset'));
  assert.is(lines[2], '     |           ^^^^^^^^^^^^^^^');
  assert.is(lines[3], '  help: did you mean "samplers.dataset"?');
  assert.match(run.stderr, '1 error, 0 warnings in 1 file');
});

test('`sous check` prints warnings but exits 0', async () => {
  const run = await sous('check', recipe('warn.recipe', GOOD.replace('sous 1\n', '')));
  assert.is(run.status, 0);
  assert.match(run.stderr, 'warning[R0002]: missing language version header');
});

test('`sous check` on a missing file: one line naming it, exit 2, no stack', async () => {
  const missing = path.join(dir, 'nope.recipe');
  const run = await sous('check', missing, good);
  assert.is(run.status, 2);
  assert.is(run.stderr, `${missing}: cannot read the recipe: no such file\n`);
});

test('`sous fmt --check` passes on every example', async () => {
  const run = await sous('fmt', '--check', ...examples);
  assert.is(run.status, 0, run.stdout + run.stderr);
});

test('`sous fmt` prints, `--check` lists and fails, `--write` rewrites', async () => {
  const messy = recipe('messy.recipe', GOOD.replace('task   =', 'task =').replace('steps 10', 'steps    10'));
  const printed = await sous('fmt', messy);
  assert.is(printed.status, 0);
  assert.is(printed.stdout, GOOD);
  const checked = await sous('fmt', '--check', messy, good);
  assert.is(checked.status, 1);
  assert.is(checked.stdout, `${messy}\n`);
  assert.match(checked.stderr, '1 of 2 files would be reformatted');
  const written = await sous('fmt', '--write', messy);
  assert.is(written.status, 0);
  assert.is(fs.readFileSync(messy, 'utf8'), GOOD);
  assert.is((await sous('fmt', '--check', messy)).status, 0);
});

test('`sous fmt --write` on a symlinked recipe rewrites the target and keeps the link and its permissions', async () => {
  const target = recipe('linked-target.recipe', GOOD.replace('steps 10', 'steps    10'));
  fs.chmodSync(target, 0o640);
  const link = path.join(dir, 'linked.recipe');
  fs.symlinkSync('linked-target.recipe', link);
  const written = await sous('fmt', '--write', link);
  assert.is(written.status, 0, written.stderr);
  assert.is(written.stdout, `formatted ${link}\n`);
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.is(fs.readFileSync(target, 'utf8'), GOOD);
  assert.is(fs.statSync(target).mode & 0o777, 0o640);
});

test('`sous fmt` on a syntax error renders it and exits 1; --check with --write is a usage error', async () => {
  const broken = recipe('broken.recipe', GOOD.replace('\n}\n', '\n'));
  const run = await sous('fmt', broken);
  assert.is(run.status, 1);
  assert.match(run.stderr, `${broken}:`);
  assert.match(run.stderr, 'error[R0100]');
  const both = await sous('fmt', '--check', '--write', good);
  assert.is(both.status, 2);
  assert.match(both.stderr.split('\n')[0], "option '--check' cannot be used with option '--write'");
});

test('`sous plan` prints the plan JSON; a recipe with errors prints none and exits 1', async () => {
  const run = await sous('plan', good);
  assert.is(run.status, 0, run.stderr);
  const plan = JSON.parse(run.stdout);
  assert.is(plan.hash, checkAndCompile(GOOD, good, registry).plan!.hash);
  assert.equal(
    plan.stages.map((s: { name: string }) => s.name),
    ['sft'],
  );
  const bad = await sous('plan', typo);
  assert.is(bad.status, 1);
  assert.is(bad.stdout, '');
});

test("`sous explain` writes out the plugins' defaults and versions, and compiles to the same hash", async () => {
  const run = await sous('explain', good);
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, 'use "@sous/tasks" as tasks  # @sous/tasks@0.1.0\n');
  assert.match(run.stdout, '\non_nan "stop"\n');
  assert.match(
    run.stdout,
    'task   = tasks.arithmetic(digits: 2, ops: "+-", pad: false, reverse: false, seed: 0, test_size: 500)\n',
  );
  assert.match(run.stdout, 'policy = models.gpt(vocab: task.vocab, preset: "tiny")\n');
  assert.match(run.stdout, 'optimizer adamw(lr: 0.0003, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01)');
  assert.match(run.stdout, '  batch = samplers.dataset(data: task.train, size: 8)\n');
  const again = checkAndCompile(run.stdout, 'explained.recipe', registry);
  assert.is(again.plan?.hash, checkAndCompile(GOOD, good, registry).plan!.hash);
});

test('`sous nodes` lists nodes with ports, kinds, params, defaults and docs', async () => {
  const run = await sous('nodes');
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, 'samplers  (@sous/samplers@0.1.0)');
  assert.match(run.stdout, '  samplers.group(policy: Model, prompts: Prompts) -> Rollouts  [sampler]');
  assert.match(
    run.stdout,
    /max_new +integer >= 1, <= 4096 = 16 {2}Most tokens per completion, the stop token included/,
  );
  assert.match(run.stdout, 'optimizer adamw(model?: Model, loss?: Loss)');
  assert.match(run.stdout, /betas +list of number \(2 items\) >= 0, < 1 = \[0\.9, 0\.999\] {2}Decay rates/);
  assert.match(
    run.stdout,
    / {2}optimizer sgd\(model\?: Model, loss\?: Loss\)\n(.*\n){4} {6}weight_decay +number >= 0 = 0 {2}L2 penalty/,
  );
});

test('`sous nodes NAMESPACE` lists one namespace; an unknown one is exit 2 with a suggestion', async () => {
  const run = await sous('nodes', 'rewards');
  assert.is(run.status, 0);
  assert.ok(run.stdout.startsWith('rewards  (@sous/rewards@0.1.0)'), run.stdout);
  assert.not.match(run.stdout, 'samplers.group');
  const unknown = await sous('nodes', 'reward');
  assert.is(unknown.status, 2);
  assert.is(unknown.stderr.trim().split('\n').length, 1);
  assert.match(unknown.stderr, 'unknown namespace "reward"; did you mean "rewards"?');
});

test('`sous nodes --recipe FILE` lists the plugins that recipe uses', async () => {
  const run = await sous('nodes', '--recipe', good);
  assert.is(run.status, 0, run.stderr);
  assert.equal(
    run.stdout
      .split('\n')
      .filter((line) => /^\S/.test(line))
      .map((line) => line.split(' ')[0]),
    ['tasks', 'models', 'samplers', 'objectives', 'builtin'],
  );
});

test('a wrong flag is one error line and exit 2', async () => {
  const run = await sous('check', '--bogus', good);
  assert.is(run.status, 2);
  assert.is(run.stderr, "error: unknown option '--bogus' (see `sous --help`)\n");
});

test("the real CLI resolves plugins from the recipe's folder and renders a misspelt node", () => {
  const file = recipe('real.recipe', 'sous 1\nuse "@sous/tasks"\ntask = tasks.arithmetc(digits: 2)\n');
  const child = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(root, 'packages/cli/src/main.ts'), 'check', file],
    {
      encoding: 'utf8',
      cwd: root,
    },
  );
  assert.is(child.status, 1, child.stderr);
  assert.match(child.stderr, `${file}:3:8: error[R0202]: unknown node "tasks.arithmetc"`);
  assert.match(child.stderr, 'help: did you mean "tasks.arithmetic"?');
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
