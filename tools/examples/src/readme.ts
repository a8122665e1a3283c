// examples/README.md's tables, generated from examples/claims.json: each lies between
// `<!-- examples:NAME:begin -->` and `<!-- examples:NAME:end -->`, and `npm run examples --
// --readme` (or an --update run) rewrites them, so the README cannot drift from the data.
import fs from 'node:fs';
import path from 'node:path';
import { maxOf, minOf } from '@sous/core';
import {
  DataError,
  type ClaimsFile,
  type Example,
  describeExpected,
  describeMeasured,
  describeQuantity,
  formatNumber,
  judgeExample,
  recordKey,
  spread,
  type Status,
} from '@sous/cli/claims';
import { markdownTable } from './markdown-table.js';
import { repositoryRoot } from './run-example.js';

export const README_FILE = path.join(repositoryRoot, 'examples/README.md');

const verdictWords: Record<Status, string> = {
  pass: 'holds',
  'not reproduced': '**not reproduced**',
  FAIL: 'fails (re-measure)',
  CHANGED: 'changed (re-measure)',
  'not measured': 'not measured',
};

/** "0.632 ± 0.041" for a metric of the stage's last eval record, or "—". */
function cell(example: Example, stage: string, metric: string): string {
  const evals = example.measured?.evals;
  const key = evals && recordKey(evals, { stage, step: 'last' });
  const values = key ? evals[key][metric] : undefined;
  if (!values || values.some((v) => v === null)) return '—';
  const { mean, sd } = spread(values as number[]);
  return `${formatNumber(mean)} ± ${formatNumber(sd)}`;
}

/** Wall time per seed: "31 s" or "28–35 s". */
function wall(example: Example): string {
  const times = example.measured?.wall_s ?? [];
  if (times.length === 0) return '—';
  const low = Math.round(minOf(times)),
    high = Math.round(maxOf(times));
  return low === high ? `${low} s` : `${low}–${high} s`;
}

const stagesOf = (example: Example) => [
  ...new Set(Object.keys(example.measured?.evals ?? {}).map((key) => key.split('@')[0])),
];

/** Which measurement a group's tables come from, in one sentence. */
function provenance(examples: Example[]): string {
  const runs = [
    ...new Set(examples.filter((e) => e.measured).map((e) => `${e.measured!.backend}, ${e.measured!.date}`)),
  ];
  if (runs.length === 0) return 'Not measured yet: run `npm run examples -- --update` to fill these tables.';
  const missing = examples.filter((e) => !e.measured).map((e) => `\`${e.name}\``);
  return (
    `Measured with \`npm run examples -- --update\` (${runs.join('; ')}); seeds as listed, the first the recipe's own.` +
    (missing.length > 0 ? ` Not measured yet: ${missing.join(', ')}.` : '')
  );
}

/** Every claim of the examples with its verdict on the recorded measurement. */
function claimsTable(examples: Example[]): string {
  const rows = examples.flatMap((example) => {
    const seeds = example.measured?.seeds.length ?? example.seeds.length;
    return judgeExample(example, example.measured?.evals, seeds).map(({ claim, values, status }) => [
      `\`${example.name}\``,
      `${claim.text} (\`${describeQuantity(claim)}\`)`,
      (example.measured?.seeds ?? example.seeds).join(', '),
      describeExpected(claim, seeds),
      values ? describeMeasured(values) : 'not measured',
      verdictWords[status],
    ]);
  });
  return markdownTable(['Recipe', 'Claim', 'Seeds', 'Expected', 'Measured: mean ± sd (per seed)', 'Verdict'], rows);
}

function policyGradientSection(examples: Example[]): string {
  const rows = examples.map((example) => {
    const [before, after] = stagesOf(example);
    const change = (metric: string) => {
      const [from, to] = [before, after].map((stage) => (stage ? cell(example, stage, metric) : '—'));
      return from === '—' && to === '—' ? '—' : `${from} → ${to}`;
    };
    return [
      `\`${example.name}\``,
      example.demonstrates,
      change('accuracy'),
      change('pass@1'),
      change('pass@8'),
      wall(example),
    ];
  });
  return [
    provenance(examples),
    '',
    markdownTable(['Recipe', 'What it demonstrates', 'Accuracy', 'pass@1', 'pass@8', 'Wall per seed'], rows),
    '',
    claimsTable(examples),
  ].join('\n');
}

/** The PSR/NSR experiment: per seed, pass@1 / pass@8 after SFT, after PSR and after NSR. */
function psrNsrSection(psr: Example | undefined, nsr: Example | undefined): string {
  if (!psr?.measured || !nsr?.measured) return 'Not measured yet: run `npm run examples -- --update --only psr,nsr`.';
  const at = (example: Example, stage: string, metric: string, seed: number) => {
    const evals = example.measured!.evals;
    const value = evals[recordKey(evals, { stage, step: 'last' })!]?.[metric]?.[example.measured!.seeds.indexOf(seed)];
    return value ?? NaN;
  };
  const seeds = psr.measured.seeds.filter((seed) => nsr.measured!.seeds.includes(seed));
  const pair = (example: Example, stage: string, seed: number) =>
    `${formatNumber(at(example, stage, 'pass@1', seed))} / ${formatNumber(at(example, stage, 'pass@8', seed))}`;
  const rows = seeds.map((seed) => [
    String(seed),
    pair(psr, 'sft', seed),
    pair(psr, 'psr', seed),
    pair(nsr, 'nsr', seed),
  ]);
  const count = (test: (seed: number) => boolean) => `${seeds.filter(test).length} of ${seeds.length}`;
  const gain = (example: Example, stage: string, metric: string, seed: number) =>
    at(example, stage, metric, seed) - at(example, 'sft', metric, seed);
  return [
    markdownTable(['Seed', 'After SFT: pass@1 / pass@8', 'PSR: pass@1 / pass@8', 'NSR: pass@1 / pass@8'], rows),
    '',
    `PSR raises pass@1 more than NSR on ${count((s) => gain(psr, 'psr', 'pass@1', s) > gain(nsr, 'nsr', 'pass@1', s))} seeds; ` +
      `NSR keeps or improves pass@8 on ${count((s) => gain(nsr, 'nsr', 'pass@8', s) >= 0)}; ` +
      `PSR lowers pass@8 on ${count((s) => gain(psr, 'psr', 'pass@8', s) < 0)}; ` +
      `PSR's pass@8 ends above NSR's on ${count((s) => at(psr, 'psr', 'pass@8', s) > at(nsr, 'nsr', 'pass@8', s))}.`,
  ].join('\n');
}

/** One row per recipe with its final eval's reported metrics (diffusion, music), then the claims. */
function finalEvalSection(examples: Example[]): string {
  const rows = examples.map((example) => {
    const stage = stagesOf(example).at(-1);
    const measured = stage
      ? example.report.map((metric) => `${metric} ${cell(example, stage, metric)}`).join('; ')
      : 'not measured';
    return [
      `\`${example.name}\``,
      example.demonstrates,
      (example.measured?.seeds ?? example.seeds).join(', '),
      measured,
      wall(example),
    ];
  });
  return [
    provenance(examples),
    '',
    markdownTable(
      ['Recipe', 'What it demonstrates', 'Seeds', 'Final eval: mean ± sd over seeds', 'Wall per seed'],
      rows,
    ),
    '',
    claimsTable(examples),
  ].join('\n');
}

/** "0.632 ± 0.041" for a reported metric: `stage:metric` names the stage, a bare name means the
 * last stage whose last eval record has it; "—" when there is none. */
function latestCell(example: Example, reported: string): string {
  const colon = reported.indexOf(':');
  if (colon > 0) return cell(example, reported.slice(0, colon), reported.slice(colon + 1));
  const metric = reported;
  const evals = example.measured?.evals ?? {};
  const stage = stagesOf(example)
    .filter((name) => {
      const key = recordKey(evals, { stage: name, step: 'last' });
      return key !== undefined && metric in evals[key];
    })
    .at(-1);
  return stage ? cell(example, stage, metric) : '—';
}

/** An unlearning benchmark example: its claims are about the unlearn stage of the facts benchmark. */
const isBenchmark = (example: Example) => example.claims.some((claim) => claim.stage === 'unlearn');

/** The unlearning benchmark: one row per method (its unlearn stage's last eval), after the model
 * before unlearning (the learn stage) and the model retrained without the forget set (by
 * definition forget quality 0 and privacy leakage 0; its utility from the retrain stage). Then
 * the group's other examples (provenance, diffusion forgetting), one row each with their reported
 * metrics from the last stage that evaluates each, and every claim of the group. */
function unlearningSection(examples: Example[]): string {
  const others = examples.filter((example) => !isBenchmark(example));
  const otherRows = others.map((example) => [
    `\`${example.name}\``,
    example.demonstrates,
    (example.measured?.seeds ?? example.seeds).join(', '),
    example.measured
      ? example.report.map((metric) => `${metric} ${latestCell(example, metric)}`).join('; ')
      : 'not measured',
    wall(example),
  ]);
  const measured = examples.filter((example) => example.measured && isBenchmark(example));
  const first = measured[0];
  const metrics = ['forget_quality', 'model_utility', 'privleak', 'forget_accuracy'];
  const row = (label: string, example: Example, stage: string) => [
    label,
    ...metrics.map((metric) => cell(example, stage, metric)),
    wall(example),
  ];
  const rows = first
    ? [
        row('Learned (before unlearning)', first, 'learn'),
        [
          'Retrained without the forget set',
          '0 (by definition)',
          cell(first, 'retrain', 'model_utility'),
          '0 (by definition)',
          '—',
          '—',
        ],
        ...measured.map((example) => row(`\`${example.name}\``, example, 'unlearn')),
      ]
    : [];
  return [
    provenance(examples),
    '',
    markdownTable(
      ['Model', 'Forget quality (log10 p)', 'Model utility', 'Privacy leakage (%)', 'Forget accuracy', 'Wall per seed'],
      rows,
    ),
    '',
    ...(others.length > 0
      ? [
          markdownTable(
            ['Recipe', 'What it demonstrates', 'Seeds', 'Final evals: mean ± sd over seeds', 'Wall per seed'],
            otherRows,
          ),
          '',
        ]
      : []),
    claimsTable(examples),
  ].join('\n');
}

/** The generated sections by name. */
export function generateSections(claims: ClaimsFile): Record<string, string> {
  const group = (name: Example['group']) => claims.examples.filter((e) => e.group === name);
  const named = (name: string) => claims.examples.find((e) => e.name === name);
  return {
    sft: [provenance(group('sft')), '', claimsTable(group('sft'))].join('\n'),
    'policy-gradient': policyGradientSection(group('policy-gradient')),
    'psr-nsr': psrNsrSection(named('psr'), named('nsr')),
    diffusion: finalEvalSection(group('diffusion')),
    unlearning: unlearningSection(group('unlearning')),
    'weight-space': [provenance(group('weight-space')), '', claimsTable(group('weight-space'))].join('\n'),
    music: finalEvalSection(group('music')),
  };
}

/** `text` with every generated section replaced; a missing marker is an error. */
export function renderReadme(text: string, claims: ClaimsFile, file = README_FILE): string {
  let result = text;
  for (const [name, body] of Object.entries(generateSections(claims))) {
    const section = new RegExp(`(<!-- examples:${name}:begin[^>]*-->\\n)[\\s\\S]*?(<!-- examples:${name}:end -->)`);
    if (!section.test(result))
      throw new DataError(file, `has no "<!-- examples:${name}:begin -->" … "<!-- examples:${name}:end -->" section`);
    result = result.replace(section, (_, begin: string, end: string) => `${begin}${body}\n${end}`);
  }
  return result;
}

export function rewriteReadme(file: string, claims: ClaimsFile): void {
  fs.writeFileSync(file, renderReadme(fs.readFileSync(file, 'utf8'), claims, file));
}
