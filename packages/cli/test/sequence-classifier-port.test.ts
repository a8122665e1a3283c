// The SequenceClassifier port type across two plugins, on the real ones: the kit declares it,
// music.style_scorer makes one and rewards.style_classifier reads one, so the checker accepts the
// scorer in the reward's `classifier` port and refuses anything else there, and refuses the scorer
// where another type is expected (music-style-grpo's wiring, altered one argument at a time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, usedPackages } from '@sous/dsl';
import { loadRegistry } from '@sous/runtime';
import { at, diagnose, summary } from '../../../dsl/test/fixtures/diagnose.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const file = path.join(root, 'examples', 'music-style-grpo.recipe');
const source = fs.readFileSync(file, 'utf8');
const registry = await loadRegistry(usedPackages(parse(source, file).ast), path.dirname(file));
const check = (text: string) => diagnose(text, { prelude: false, registry });

/** The example with the first occurrence of `from` replaced by `to`. */
function altered(from: string, to: string): string {
  assert.ok(source.includes(from), `music-style-grpo.recipe no longer contains ${JSON.stringify(from)}`);
  return source.replace(from, to);
}

test('the plugins load, and the scorer feeds the reward as the example wires it', () => {
  assert.equal(registry.missing, []);
  assert.equal(check(source).diagnostics, []);
});

test("a Model in rewards.style_classifier's classifier port is refused, naming both types", () => {
  const text = altered('rewards.style_classifier(rollouts, scorer,', 'rewards.style_classifier(rollouts, clf,');
  const { diagnostics } = check(text);
  assert.equal(summary(diagnostics), [at(text, 'clf, target', 'R0306')]);
  assert.is(
    diagnostics[0].message,
    'input "classifier" of rewards.style_classifier expects SequenceClassifier, got Model',
  );
});

test("music.style_scorer's output is a SequenceClassifier, not anything: a Model port refuses it", () => {
  const text = altered('models.frozen(policy)', 'models.frozen(scorer)');
  const { diagnostics } = check(text);
  assert.equal(summary(diagnostics), [at(text, 'scorer)  #', 'R0306')]);
  assert.match(diagnostics[0].message, 'expects Model, got SequenceClassifier');
});

test.run();
