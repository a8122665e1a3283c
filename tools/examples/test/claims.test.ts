// examples/claims.json: valid, one entry per recipe, seeds and stages that exist; and the
// loader's errors, which name the file, line and column.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError, formatClaims, parseClaims, readClaims, claimValues } from '@sous/cli/claims';
import { CLAIMS_FILE } from '../src/main.js';
import { repositoryRoot } from '../src/run-example.js';

const examplesDir = path.join(repositoryRoot, 'examples');
const claims = readClaims(CLAIMS_FILE);
const recipeText = (name: string) => fs.readFileSync(path.join(examplesDir, `${name}.recipe`), 'utf8');

test('every recipe in examples/ has claims, and every claim names a recipe', () => {
  const recipes = fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith('.recipe'))
    .map((f) => f.slice(0, -'.recipe'.length))
    .sort();
  assert.equal(claims.examples.map((e) => e.name).sort(), recipes);
});

test("each example's first seed is the recipe's own, and its claims name stages the recipe has", () => {
  for (const example of claims.examples) {
    const text = recipeText(example.name);
    // sft-arithmetic's claim is stated over seeds 1–5, whatever seed its recipe names.
    if (example.name !== 'sft-arithmetic')
      assert.is(Number(text.match(/^seed (\d+)/m)?.[1]), example.seeds[0], `${example.name}: seed`);
    const stages = [...text.matchAll(/^stage (\w+)/gm)].map((m) => m[1]);
    for (const claim of example.claims) {
      for (const stage of [claim.stage, claim.minus?.stage ?? claim.stage])
        assert.ok(stages.includes(stage), `${example.name}: no stage ${stage}`);
    }
  }
});

test('every claim of a measured example finds its values in the measurement', () => {
  for (const example of claims.examples.filter((e) => e.measured)) {
    for (const claim of example.claims) {
      const values = claimValues(claim, example.measured!.evals);
      assert.ok(Array.isArray(values), `${example.name}: ${claim.text}: ${values}`);
      assert.is((values as number[]).length, example.measured!.seeds.length);
    }
  }
});

test('the sft-arithmetic claim: accuracy ≥ 0.9 on at least 4 of seeds 1–5, native', () => {
  const sft = claims.examples.find((e) => e.name === 'sft-arithmetic')!;
  assert.equal({ seeds: sft.seeds, backend: sft.backend }, { seeds: [1, 2, 3, 4, 5], backend: 'native' });
  assert.equal(sft.claims[0], {
    form: 'k_of_n',
    text: sft.claims[0].text,
    stage: 'sft',
    step: 'last',
    metric: 'accuracy',
    expect: 'holds',
    compare: '>=',
    threshold: 0.9,
    k: 4,
  });
});

test('the file is in its canonical layout (lists of numbers on one line), and that layout parses back', () => {
  const text = fs.readFileSync(CLAIMS_FILE, 'utf8');
  assert.is(formatClaims(claims), text);
  assert.equal(parseClaims(formatClaims(claims), 'x.json'), claims);
  assert.ok(formatClaims(claims).includes('"seeds": [7, 8, 9]'));
});

const example = (fields: string) => `{
  "examples": [
    {
      "name": "grpo",
      "group": "policy-gradient",
      "demonstrates": "d",
      "backend": "native",
      "seeds": [7, 8],
      "claims": [
        { "form": "k_of_n", "text": "t", "stage": "rl", "step": "last", "metric": "accuracy", ${fields} }
      ],
      "measured": null
    }
  ]
}`;

function errorOf(text: string): string {
  try {
    parseClaims(text, 'claims.json');
  } catch (error) {
    assert.instance(error, DataError);
    return (error as Error).message;
  }
  throw new Error('expected a DataError');
}

test('a valid file parses, with the defaults filled in', () => {
  const parsed = parseClaims(example('"compare": ">", "threshold": 0, "k": 2'), 'claims.json');
  assert.equal(parsed.examples[0].report, []);
  assert.is(parsed.examples[0].claims[0].expect, 'holds');
});

test('errors name file:line:column', () => {
  assert.is(errorOf('{\n  "examples": [,]\n}'), 'claims.json:2:16: not valid JSON (ValueExpected)');
  assert.is(
    errorOf(example('"compare": "≈", "threshold": 0, "k": 2')),
    'claims.json:10:95: examples.0.claims.0.compare: Invalid option: expected one of ">="|">"|"<="|"<"',
  );
  assert.is(
    errorOf(example('"compare": ">", "threshold": 0, "k": 3')),
    'claims.json:10:127: examples.0.claims.0.k: k is 3 but the example lists 2 seeds',
  );
  assert.is(
    errorOf(example('"compare": ">", "threshold": 0, "k": 1, "treshold": 1')),
    'claims.json:10:9: examples.0.claims.0: Unrecognized key: "treshold"',
  );
  const twice = example('"compare": ">", "threshold": 0, "k": 1').replace(
    /\{\n {6}"name"[\s\S]*\}\n {2}\]/,
    (entry) => `${entry.slice(0, -4)},\n${entry.slice(0, -4)}\n  ]`,
  );
  assert.match(errorOf(twice), /^claims\.json:\d+:\d+: example "grpo" is listed twice$/);
});

test.run();
