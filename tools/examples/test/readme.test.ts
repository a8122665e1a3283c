// examples/README.md's generated sections are what the generator makes of examples/claims.json,
// so the README cannot drift from the data; and the generator's tables on a small example.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError, readClaims, type ClaimsFile, type Example, type KOfNClaim } from '@sous/cli/claims';
import { CLAIMS_FILE } from '../src/main.js';
import { generateSections, README_FILE, renderReadme } from '../src/readme.js';

test("the README's generated sections match claims.json (rewrite them: npm run examples -- --readme)", () => {
  const readme = fs.readFileSync(README_FILE, 'utf8');
  assert.fixture(renderReadme(readme, readClaims(CLAIMS_FILE)), readme);
});

const grpo: Example = {
  name: 'grpo',
  group: 'policy-gradient',
  demonstrates: 'GRPO',
  backend: 'native',
  seeds: [7, 8],
  report: [],
  claims: [
    {
      form: 'k_of_n',
      text: 'accuracy rises',
      stage: 'rl',
      step: 'last',
      metric: 'accuracy',
      minus: { stage: 'sft' },
      expect: 'holds',
      compare: '>',
      threshold: 0,
      k: 2,
    },
  ],
  measured: {
    date: '2026-12-02',
    backend: 'native',
    seeds: [7, 8],
    wall_s: [30.4, 41.6],
    evals: { 'sft@599': { accuracy: [0.5, 0.7] }, 'rl@299': { accuracy: [0.6, 0.8] } },
  },
};

test('a policy-gradient row: after SFT → after RL as mean ± sd, and each claim with its verdict', () => {
  const section = generateSections({ examples: [grpo] })['policy-gradient'];
  // accuracy 0.5, 0.7: mean 0.6, sd √0.02 = 0.141; 0.6, 0.8: 0.7 ± 0.141; differences 0.1, 0.1.
  assert.ok(section.startsWith('Measured with `npm run examples -- --update` (native, 2026-12-02); seeds as listed'));
  assert.ok(
    section.includes(
      '| `grpo` | GRPO                 | 0.600 ± 0.141 → 0.700 ± 0.141 | —      | —      | 30–42 s       |',
    ),
    section,
  );
  assert.ok(
    section.includes(
      '| accuracy rises (`rl@last accuracy − sft@last accuracy`) | 7, 8  | 2 of 2 seeds > 0.000 | 0.100 ± 0.000 (0.100, 0.100)   | holds   |',
    ),
    section,
  );
});

test('an unmeasured example says so, and a claim recorded as not reproduced is marked', () => {
  const unmeasured = { ...grpo, measured: null };
  const section = generateSections({ examples: [unmeasured] })['policy-gradient'];
  assert.ok(section.startsWith('Not measured yet'));
  assert.ok(section.includes('| not measured |'));
  const fails: Example = {
    ...grpo,
    claims: [{ ...(grpo.claims[0] as KOfNClaim), threshold: 0.5, expect: 'not reproduced' }],
  };
  assert.ok(generateSections({ examples: [fails] })['policy-gradient'].includes('**not reproduced**'));
});

test("the unlearning section: the benchmark's methods in the method table, other examples in a table of their own", () => {
  const facts: Example = {
    ...grpo,
    name: 'unlearn-x',
    group: 'unlearning',
    claims: [{ ...(grpo.claims[0] as KOfNClaim), stage: 'unlearn', metric: 'model_utility', minus: undefined }],
    measured: {
      ...grpo.measured!,
      evals: {
        'retrain@9': { model_utility: [0.9, 0.9] },
        'learn@9': { model_utility: [0.8, 1] },
        'unlearn@9': { model_utility: [0.5, 0.7] },
      },
    },
  };
  // p_value is in two stages: a bare name reports the later one's (bob: 0.001, 0.003 → 0.002 ± 0.0014),
  // alice:p_value the named stage's.
  const other: Example = {
    ...grpo,
    name: 'prov',
    group: 'unlearning',
    demonstrates: 'provenance',
    report: ['p_value', 'rho', 'alice:p_value'],
    claims: [{ ...(grpo.claims[0] as KOfNClaim), stage: 'bob', metric: 'p_value', minus: undefined, compare: '<' }],
    measured: {
      ...grpo.measured!,
      evals: { 'alice@9': { p_value: [0.5, 0.5], rho: [0.1, 0.3] }, 'bob@4': { p_value: [0.001, 0.003] } },
    },
  };
  const section = generateSections({ examples: [facts, other] }).unlearning;
  assert.ok(section.includes('| `unlearn-x`'), section);
  assert.not.ok(/\| `prov` +\| —/.test(section), section);
  assert.ok(
    section.includes(
      '| `prov` | provenance           | 7, 8  | p_value 0.0020 ± 0.0014; rho 0.200 ± 0.141; alice:p_value 0.500 ± 0.000 |',
    ),
    section,
  );
  assert.ok(section.includes('(`bob@last p_value`)'), section);
});

test("a README without a section's markers is an error naming the file", () => {
  const claims: ClaimsFile = { examples: [grpo] };
  assert.throws(
    () => renderReadme('# Examples\n', claims, 'README.md'),
    (error: Error) =>
      error instanceof DataError && error.message.startsWith('README.md: has no "<!-- examples:sft:begin -->"'),
  );
});

test('rendering twice changes nothing', () => {
  const readme = fs.readFileSync(README_FILE, 'utf8');
  const claims = readClaims(CLAIMS_FILE);
  const once = renderReadme(readme, claims);
  assert.is(renderReadme(once, claims), once);
});

test.run();
