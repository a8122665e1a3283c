// CI smoke: every example recipe trains for 2 steps per stage, evals skipped (they dominate a
// short run: a full held-out eval per stage), so a recipe that stops running fails `npm test`.
// The recipes run in this process, one after another, which saves a start-up per recipe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runRecipe } from '@sous/runtime';
import { repositoryRoot } from '../src/run-example.js';

// Passive OpenMP waits, set before the native addon loads (at the first run): on a shared
// machine its spinning threads otherwise waste most of their time.
process.env.OMP_WAIT_POLICY ??= 'PASSIVE';
const examplesDir = path.join(repositoryRoot, 'examples');
const recipes = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith('.recipe'))
  .sort();
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-examples-smoke-'));
const steps = 2;

test.after(() => fs.rmSync(out, { recursive: true, force: true }));

for (const recipe of recipes) {
  test(`${recipe} trains ${steps} steps per stage`, async () => {
    const runDir = path.join(out, recipe);
    const result = await runRecipe({ file: path.join(examplesDir, recipe), out: runDir, steps, evals: false });
    assert.ok(result.ok, `${recipe} has errors`);
    const plan = JSON.parse(fs.readFileSync(path.join(runDir, 'plan.json'), 'utf8')) as {
      stages: { name: string; steps: number }[];
    };
    const records = fs
      .readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // One train record per step of every stage (a stage shorter than the cap runs its own steps),
    // in order, each with a finite loss (no evals): `loss`, or with several optimizers in a stage
    // one `<binding>` per optimizer's loss (provenance's reference stage: dave_loss, carol_loss).
    const expected = plan.stages.flatMap((stage) =>
      Array.from({ length: Math.min(steps, stage.steps) }, (_, step) => `${stage.name}@${step}`),
    );
    assert.equal(
      records.map((r) => `${r.stage}@${r.step}`),
      expected,
    );
    for (const record of records) {
      const losses = Object.keys(record).filter((key) => key === 'loss' || key.endsWith('_loss'));
      assert.ok(losses.length > 0, `${record.stage} step ${record.step}: no loss recorded`);
      for (const key of losses)
        assert.ok(Number.isFinite(record[key]), `${record.stage} step ${record.step}: ${key} ${record[key]}`);
    }
  });
}

test.run();
