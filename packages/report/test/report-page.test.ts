import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSousError, SousError } from '@sous/core';
import { chartsPage, PALETTE } from '../src/charts-page.js';
import { formatNumber } from '../src/format.js';
import { planDiagrams } from '../src/graph.js';
import { jsonForScript } from '../src/html.js';
import { recipeHtml } from '../src/recipe.js';
import { recipeTokens } from '../src/recipe-highlight.js';
import { loadRun, MAX_AUDIO_BYTES } from '../src/run-folder.js';
import { writeComparison } from '../src/write-comparison.js';
import { writeReport } from '../src/write-report.js';
import { grpoPlan, makeGrpoRun, makeRunFolder } from './report-fixtures.js';

/** The page data a written page embeds. */
function embeddedData(html: string): any {
  const match = html.match(/<script type="application\/json" id="sous-data">(.*?)<\/script>/s);
  assert.ok(match, 'page data block');
  return JSON.parse(match![1]);
}

async function rejection(promise: Promise<unknown>): Promise<SousError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, SousError, 'rejects with a SousError');
  return error as SousError;
}

test('one run: series labelled train/eval, coloured by kind, with stage marks and summaries', async () => {
  const dir = makeRunFolder('r1', {
    'plan.json': JSON.stringify(grpoPlan()),
    'metrics.jsonl':
      '{"stage":"sft","step":0,"loss":2}\n{"stage":"sft","step":1,"loss":1}\n{"kind":"eval","stage":"sft","step":1,"accuracy":0.5}\n{"stage":"grpo","step":0,"loss":0.3,"reward":0.7}\n',
  });
  const page = chartsPage([await loadRun(dir)]);
  assert.is(page.kind, 'run');
  assert.equal(
    page.charts.map((c) => c.metric),
    ['loss', 'accuracy', 'reward'],
  );
  assert.equal(
    page.charts[0].series.map((s) => [s.label, s.color]),
    [['train', PALETTE[0]]],
  );
  assert.equal(
    page.charts[1].series.map((s) => [s.label, s.color]),
    [['eval', PALETTE[1]]],
  );
  assert.equal(
    page.charts[2].series.map((s) => [s.label, s.color]),
    [['train', PALETTE[0]]],
  );
  assert.equal(page.stages, [
    { run: 'r1', name: 'sft', start: 0 },
    { run: 'r1', name: 'grpo', start: 2 },
  ]);
  assert.is(page.lastStep, 2, 'sft steps 0-1, then grpo step 0 at x = 2');
  assert.equal(page.runs[0].stages, [
    { stage: 'sft', steps: 2, planned: 300, train: { loss: 1 }, eval: { accuracy: 0.5 } },
    { stage: 'grpo', steps: 1, planned: 200, train: { loss: 0.3, reward: 0.7 }, eval: {} },
  ]);
});

test('a comparison overlays runs: labelled by run, one colour per run and kind in every chart', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-report-'));
  const a = await loadRun(makeGrpoRun('grpo', parent, { sft: 3, grpo: 2 }));
  const b = await loadRun(makeGrpoRun('dr-grpo', parent, { sft: 3, grpo: 2, variant: 1 }));
  const page = chartsPage([a, b], { compare: true });
  assert.is(page.kind, 'compare');
  const accuracy = page.charts.find((c) => c.metric === 'accuracy')!;
  assert.equal(
    accuracy.series.map((s) => s.label),
    ['grpo (eval)', 'dr-grpo (eval)'],
  );
  const colourOf = new Map<string, string>();
  for (const chart of page.charts) {
    for (const s of chart.series) {
      const key = `${s.run}/${s.kind}`;
      if (colourOf.has(key)) assert.is(s.color, colourOf.get(key), `${key} keeps its colour in ${chart.metric}`);
      colourOf.set(key, s.color);
    }
    assert.is(
      new Set(chart.series.map((s) => s.color)).size,
      chart.series.length,
      `distinct colours in ${chart.metric}`,
    );
  }
  assert.equal(
    page.runs.map((r) => r.run),
    ['grpo', 'dr-grpo'],
  );
  assert.is(page.lastStep, 4);
});

test('the plan diagrams: top level, then one per stage with its nodes, parameters and edges', () => {
  const diagrams = planDiagrams(grpoPlan());
  assert.equal(
    diagrams.map((d) => d.title),
    ['top level', 'stage sft · 300 steps · adamw lr 3e-4', 'stage grpo · 200 steps · adamw lr 1e-5'],
  );
  const grpo = diagrams[2].svg;
  for (const name of [
    'prompts',
    'rollouts',
    'reward',
    'adv',
    'completion_mask',
    'truncated',
    'clipped_pg',
    'kl',
    'pass_at_k',
  ]) {
    assert.ok(grpo.includes(`>${name}</text>`), `grpo diagram shows ${name}`);
  }
  assert.ok(grpo.includes('group: 8, max_new: 12, temperature: 1'), 'key parameters');
  assert.ok(grpo.includes('>.train</text>'), 'a member edge is labelled');
  // Operators are drawn as symbols; top-level nodes the stage reads come back as dashed pills.
  assert.ok(grpo.includes('>&amp;</text>') && grpo.includes('>×</text>') && grpo.includes('>+</text>'));
  assert.equal([...grpo.matchAll(/class="node ghost" data-node="([^"]+)"/g)].map((m) => m[1]).sort(), [
    'policy',
    'ref',
    'task',
  ]);
  // One edge per input port of the stage's nodes.
  const inputs = grpoPlan()
    .nodes.filter((n) => n.stage === 'grpo')
    .reduce((n, node) => n + Object.keys(node.inputs).length, 0);
  assert.is([...grpo.matchAll(/class="edge"/g)].length, inputs);
});

test('numbers print with four significant digits, small and large ones with an exponent', () => {
  assert.equal([0, 2.8642163, -0.0936512, 0.0003, 0.000014999999999999999, 123456, 1e-3].map(formatNumber), [
    '0',
    '2.864',
    '-0.09365',
    '3e-4',
    '1.5e-5',
    '1.23e+5',
    '0.001',
  ]);
});

test('diagram text is escaped', () => {
  const plan = grpoPlan();
  plan.nodes[0].params = { ops: '<script>' };
  assert.ok(!planDiagrams(plan)[0].svg.includes('<script>'));
});

test('recipe lines are numbered, coloured by token and escaped', () => {
  const html = recipeHtml([
    [{ text: 'a', color: '#24292E' }, { text: ' = 1' }],
    [{ text: '# <b>', color: '#6A737D', italic: true }],
  ]);
  assert.is(
    html,
    '<pre class="recipe"><code><span class="line"><span style="color:#24292E">a</span> = 1</span>' +
      '<span class="line"><span style="color:#6A737D;font-style:italic"># &lt;b&gt;</span></span></code></pre>',
  );
});

test('the recipe is coloured with the project grammar: keywords, strings and comments differ', async () => {
  const lines = await recipeTokens('recipe "x"\n# note\ntask = tasks.arithmetic(digits: 2)\n');
  assert.is(lines.length, 3);
  assert.equal(
    lines.map((line) => line.map((t) => t.text).join('')),
    ['recipe "x"', '# note', 'task = tasks.arithmetic(digits: 2)'],
  );
  const colour = (line: number, text: string) => lines[line].find((t) => t.text.includes(text))?.color;
  const keyword = colour(0, 'recipe'),
    string = colour(0, '"x"'),
    comment = colour(1, 'note');
  assert.ok(keyword && string && comment, 'every part has a colour');
  assert.is(new Set([keyword, string, comment]).size, 3, 'keyword, string and comment colours differ');
});

test('embedded JSON cannot close its script block', () => {
  const json = jsonForScript({ text: '</script><script>alert(1)</script>' });
  assert.not.ok(json.includes('</script'));
  assert.equal(JSON.parse(json), { text: '</script><script>alert(1)</script>' });
});

test('writeReport writes one self-contained report.html with the run data', async () => {
  const dir = makeGrpoRun('full', undefined, { samples: true });
  const result = await writeReport(dir);
  assert.is(result.file, path.join(dir, 'report.html'));
  assert.equal(result.warnings, []);
  const html = fs.readFileSync(result.file, 'utf8');
  assert.not.match(
    html,
    /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
    'nothing loaded from anywhere',
  );
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<svg class="plan-graph"/);
  assert.match(html, /<img alt="step-000020.svg" src="data:image\/svg\+xml;base64,/);
  assert.match(html, /&lt;b&gt;tiny&lt;\/b&gt;/, 'the recipe text is escaped');
  const data = embeddedData(html);
  assert.is(data.kind, 'run');
  assert.equal(
    data.charts.map((c: { metric: string }) => c.metric),
    ['loss', 'lr', 'grad_norm', 'accuracy', 'reward', 'kl', 'pass@8'],
  );
  assert.equal(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp file left',
  );
});

test('audio under samples/ gets a player with the file embedded; one over the size limit is left out with a warning', async () => {
  const dir = makeGrpoRun('audio', undefined, { samples: true });
  // A 44-byte WAV header and four bytes of silence.
  const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40), Buffer.alloc(4)]);
  fs.writeFileSync(path.join(dir, 'samples', 'music-step1-0.wav'), wav);
  fs.writeFileSync(path.join(dir, 'samples', 'huge.ogg'), Buffer.alloc(MAX_AUDIO_BYTES + 1));
  const result = await writeReport(dir);
  assert.equal(result.warnings, [
    `samples/huge.ogg is ${MAX_AUDIO_BYTES + 1} bytes, over ${MAX_AUDIO_BYTES}: its player is left out.`,
  ]);
  const html = fs.readFileSync(result.file, 'utf8');
  assert.match(html, /content="[^"]*media-src data:/, 'the page policy lets embedded audio play');
  assert.ok(
    html.includes(
      `<audio controls preload="none" src="data:audio/wav;base64,${wav.toString('base64')}"></audio><figcaption>music-step1-0.wav</figcaption>`,
    ),
  );
  assert.is(html.match(/<audio /g)?.length, 1);
  assert.match(html, /<img alt="step-000020.svg"/, 'the images stay');
});

test('writeReport skips a corrupt metrics line with a warning that the page shows too', async () => {
  const dir = makeRunFolder('corrupt', {
    'metrics.jsonl': '{"stage":"sft","step":0,"loss":1}\n{"stage":"sft","st\n{"stage":"sft","step":1,"loss":0.5}\n',
  });
  const { file, warnings } = await writeReport(dir);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /corrupt[/\\]metrics\.jsonl:2: skipped a line that is not valid JSON/);
  const data = embeddedData(fs.readFileSync(file, 'utf8'));
  assert.equal(data.warnings, warnings);
  assert.equal(data.charts[0].series[0].y, [1, 0.5]);
});

test('a damaged plan.json leaves the graph out with a warning; the charts remain', async () => {
  const dir = makeRunFolder('badplan', {
    'plan.json': '{"nodes": [',
    'metrics.jsonl': '{"stage":"sft","step":0,"loss":1}\n',
  });
  const { file, warnings } = await writeReport(dir);
  assert.match(warnings[0], /badplan[/\\]plan\.json:1:12: the plan is not valid JSON .*; the graph is left out\./);
  const html = fs.readFileSync(file, 'utf8');
  assert.not.match(html, /class="plan-graph"/);
  assert.is(embeddedData(html).charts.length, 1);
});

test('a run that has not logged yet still gets a report', async () => {
  const dir = makeRunFolder('fresh', { 'plan.json': JSON.stringify(grpoPlan()), 'recipe.resolved': 'recipe "x"\n' });
  const { file } = await writeReport(dir);
  assert.equal(embeddedData(fs.readFileSync(file, 'utf8')).charts, []);
});

test('a missing run folder, or a folder that is not a run, is a clear error naming it', async () => {
  const missing = path.join(os.tmpdir(), 'sous-no-such-run');
  const error = await rejection(writeReport(missing));
  assert.is(
    formatSousError(error),
    `${missing}: run folder not found. Pass the folder \`sous run\` wrote, for example runs/<name>.`,
  );
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-empty-'));
  assert.match(
    (await rejection(writeReport(empty))).message,
    /is not a run folder: it has no metrics\.jsonl, plan\.json or recipe\.resolved/,
  );
  assert.equal(fs.readdirSync(empty), [], 'nothing written into a folder that is not a run');
});

test('writeComparison: one page over several runs, linking their reports', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-compare-'));
  const a = makeGrpoRun('grpo', parent, { sft: 5, grpo: 5 });
  const b = makeGrpoRun('nsr', parent, { sft: 5, grpo: 5, variant: 1 });
  await writeReport(a);
  const out = path.join(parent, 'compare.html');
  await writeComparison([a, b], out);
  const data = embeddedData(fs.readFileSync(out, 'utf8'));
  assert.is(data.kind, 'compare');
  assert.equal(
    data.runs.map((r: { run: string; href?: string }) => [r.run, r.href]),
    [
      ['grpo', 'grpo/report.html'],
      ['nsr', undefined],
    ],
  );
  assert.equal(
    data.charts[0].series.map((s: { label: string }) => s.label),
    ['grpo', 'nsr'],
  );
});

test('writeComparison refuses fewer than two runs and two runs of one name', async () => {
  const a = makeGrpoRun('same');
  const b = makeGrpoRun('same');
  assert.match((await rejection(writeComparison([a], 'x.html'))).message, /at least two run folders, got 1/);
  assert.match((await rejection(writeComparison([a, b], 'x.html'))).message, /two run folders are named "same"/);
});

test.run();
