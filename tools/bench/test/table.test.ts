// The grpo-tiny table: ratios to the fastest PyTorch row, medians over rounds, per-round ratios.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bestPyTorch, formatRounds, formatTable, medianOverRounds, trainGflops } from '../grpo/table.js';
import { WORKLOADS, trainStepFlops } from '../grpo/workload.js';
import type { Row } from '../grpo/timing.js';

const row = (implementation: string, threads: number, sample: number, train: number): Row => ({
  implementation,
  backend: implementation.startsWith('PyTorch') ? 'torch' : 'native',
  threads,
  sample_tok_s: sample,
  train_tok_s: train,
  ms_per_step: 6144_000 / train,
});

test('ratios are to the fastest PyTorch configuration of each phase, which may differ', () => {
  const rows = [row('PyTorch', 1, 7000, 9000), row('PyTorch', 2, 6000, 10000), row('sous', 2, 14000, 12500)];
  assert.equal(bestPyTorch(rows), { sample: 7000, train: 10000 });
  const sousLine = formatTable(rows)
    .split('\n')
    .find((line) => line.startsWith('| sous'))!;
  assert.match(sousLine, /\| +2\.00× \| +1\.25× \| +– \|$/);
});

test('medianOverRounds: one row per implementation with the median of its rounds', () => {
  const rounds = [
    [row('PyTorch', 1, 7000, 9000), row('plain tfjs', 1, 4000, 370), row('sous', 2, 16000, 12000)],
    [row('PyTorch', 1, 5000, 7000), row('sous', 2, 10000, 8000)],
    [row('PyTorch', 1, 6000, 8000), row('sous', 2, 13000, 9000)],
  ];
  const rows = medianOverRounds(rounds);
  assert.equal(
    rows.map((r) => r.implementation),
    ['PyTorch', 'plain tfjs', 'sous'],
  );
  assert.equal(
    rows.map((r) => [r.sample_tok_s, r.train_tok_s]),
    [
      [6000, 8000],
      [4000, 370],
      [13000, 9000],
    ],
  );
  assert.is(rows[2].ms_per_step, 6144_000 / 9000);
  assert.equal(medianOverRounds([rounds[0]]), rounds[0]);
});

test('formatRounds: each round against its own PyTorch, not the overall best', () => {
  const text = formatRounds([
    [row('PyTorch', 1, 8000, 10000), row('sous', 2, 16000, 12000)],
    [row('PyTorch', 1, 5000, 6000), row('sous', 2, 10000, 9000)],
  ]);
  assert.equal(text.split('\n').slice(1), [
    '  round 1: sous on native 2.00× / 1.20×',
    '  round 2: sous on native 2.00× / 1.50×',
  ]);
});

test("achieved GFLOP/s: the workload's step FLOPs over the step time; grpo-small is about 240 GFLOP", () => {
  // grpo-small.md: "about 240 GFLOP per training step"; by hand: 4 forwards of 64·96 tokens ×
  // 2·(6·(4·256² + 2·256·1024) + 256·256 + 6·2·256·48.5) multiply–adds.
  const perToken = 6 * (4 * 256 ** 2 + 2 * 256 * 1024) + 256 * 256 + 6 * 2 * 256 * 48.5;
  assert.is(trainStepFlops(WORKLOADS['grpo-small']), 4 * 2 * 64 * 96 * perToken);
  assert.ok(Math.abs(trainStepFlops(WORKLOADS['grpo-small']) / 1e9 - 242.4) < 0.1);
  const r = { ...row('sous', 2, 1000, 1000), ms_per_step: 2000, peak_rss_mb: 700.4 };
  assert.is(trainGflops(r, 100e9), 50);
  const line = formatTable([row('PyTorch', 1, 1000, 1000), r], 100e9)
    .split('\n')
    .find((l) => l.startsWith('| sous'))!;
  assert.match(line, /\| +50\.0 \| +700 \|$/);
});

test('medianOverRounds keeps the largest peak memory of the rounds', () => {
  const rounds = [[{ ...row('sous', 2, 1, 1), peak_rss_mb: 500 }], [{ ...row('sous', 2, 1, 1), peak_rss_mb: 650 }]];
  assert.is(medianOverRounds(rounds)[0].peak_rss_mb, 650);
});

test.run();
