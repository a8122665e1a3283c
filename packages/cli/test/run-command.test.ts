// `sous run` end to end on a tiny recipe with the first-party plugins: exit codes, the run folder,
// resume through the CLI, and one-line errors for bad flags, missing files and bad backends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSous } from './spawn-sous.js';
import { formatDuration, formatMetric } from '../src/run-progress.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-run-cli-'));

const TINY = `sous 1
recipe "tiny"
use "@sous/tasks"
use "@sous/models"
use "@sous/samplers"
use "@sous/objectives"

seed 1
task   = tasks.arithmetic(digits: 1, ops: "+", train_size: 40, test_size: 8)
policy = models.gpt(preset: "tiny", vocab: task.vocab, layers: 1, heads: 2, d_model: 16, context: 16)

stage sft {
  steps 4
  optimizer adamw(lr: 1e-3)
  checkpoint_every 1
  batch = samplers.dataset(task.train, size: 4)
  loss  = objectives.nll(policy, batch)
  eval every 2 { objectives.accuracy(policy, task.test) }
}
`;
const recipe = path.join(scratch, 'tiny.recipe');
fs.writeFileSync(recipe, TINY);

// In a scratch folder, where `runs/` would go.
const sous = (...args: string[]) => spawnSous(args, { cwd: scratch });

/** stderr without tfjs's one-time banner about tfjs-node (printed by the cpu backend). */
const errorsOf = (stderr: string) => stderr.replace(/\n*=+\nHi, looks like[\s\S]*?=+\n/, '').trim();

test('a tiny recipe runs: exit 0, the backend printed, a complete run folder', () => {
  const out = path.join(scratch, 'run-a');
  const run = sous('run', recipe, '--out', out, '--backend', 'cpu');
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /^backend: cpu$/m);
  assert.match(run.stdout, /^eval sft step 1: accuracy /m);
  for (const file of [
    'recipe.resolved',
    'plan.json',
    'run.json',
    'metrics.jsonl',
    'report.html',
    'checkpoints/step-4/policy.safetensors',
    'checkpoints/step-4/optimizer-0.safetensors',
    'checkpoints/step-4/state.json',
  ]) {
    assert.ok(fs.existsSync(path.join(out, file)), file);
  }
  assert.equal(fs.readdirSync(path.join(out, 'checkpoints')).sort(), ['step-3', 'step-4']);
  const records = fs
    .readFileSync(path.join(out, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(
    records.map((r) => `${r.kind ?? 'train'}:${r.step}`),
    ['train:0', 'train:1', 'eval:1', 'train:2', 'train:3', 'eval:3'],
  );
  assert.match(
    fs.readFileSync(path.join(out, 'recipe.resolved'), 'utf8'),
    /optimizer adamw\(lr: 0.001, betas: \[0.9, 0.999\]/,
  );

  // Resume through the CLI: drop the newest checkpoint and cut metrics.jsonl short, as a crash
  // after step 3 would; the resumed run ends byte-identical.
  const expected = fs.readFileSync(path.join(out, 'metrics.jsonl'));
  fs.rmSync(path.join(out, 'checkpoints', 'step-4'), { recursive: true });
  fs.writeFileSync(path.join(out, 'metrics.jsonl'), expected.subarray(0, expected.length - 40));
  const resumed = sous('run', recipe, '--resume', out, '--backend', 'cpu');
  assert.is(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after step 3 of 4/);
  assert.ok(fs.readFileSync(path.join(out, 'metrics.jsonl')).equals(expected));

  // The folder is now taken: a new run into it is refused.
  const again = sous('run', recipe, '--out', out, '--backend', 'cpu');
  assert.is(again.status, 2);
  assert.match(
    errorsOf(again.stderr),
    /run-a: already exists and is not empty\. Choose another --out, or continue that run with --resume/,
  );
});

test('recipe errors: exit 1, rendered diagnostics, no run folder', () => {
  const bad = path.join(scratch, 'bad.recipe');
  fs.writeFileSync(bad, TINY.replace('samplers.dataset', 'samplers.datset'));
  const out = path.join(scratch, 'run-bad');
  const run = sous('run', bad, '--out', out);
  assert.is(run.status, 1);
  assert.match(run.stderr, /bad.recipe:16:11: error\[R\d{4}\]: .*samplers.datset/);
  assert.match(run.stderr, /\^/);
  assert.match(run.stderr, /samplers.dataset/);
  assert.not.ok(fs.existsSync(out));
});

test('runtime failures and bad flags: exit 2 with a short message, no stack trace', () => {
  const missing = sous('run', path.join(scratch, 'nope.recipe'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr.trim(), /nope.recipe: cannot read the recipe: no such file$/);

  const badSteps = sous('run', recipe, '--steps', 'many');
  assert.is(badSteps.status, 2);
  assert.match(badSteps.stderr.split('\n')[0], /--steps takes an integer ≥ 1, not "many"/);

  const badBackend = sous('run', recipe, '--backend', 'quantum', '--out', path.join(scratch, 'run-q'));
  assert.is(badBackend.status, 2);
  assert.match(badBackend.stderr, /quantum/);
  assert.not.match(badBackend.stderr, /\n\s+at /);
  assert.not.ok(fs.existsSync(path.join(scratch, 'run-q')));

  const notARun = sous('run', recipe, '--resume', scratch);
  assert.is(notARun.status, 2);
  assert.match(notARun.stderr, /is not a run folder \(it has no run.json\)/);
});

test('progress formatting', () => {
  assert.equal(
    [formatDuration(42.4), formatDuration(185), formatDuration(3720), formatDuration(Infinity)],
    ['42s', '3m05s', '1h02m', '?'],
  );
  assert.equal([formatMetric(1.234567), formatMetric(3), formatMetric(undefined)], ['1.235', '3', '-']);
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
test.run();
