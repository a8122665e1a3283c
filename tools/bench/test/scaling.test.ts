// The scaling table's arithmetic: parameter counts against the workloads' own figures, widths,
// and each width's best PyTorch rate per phase.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parameterCount, scalingRow } from '../grpo/scaling.js';
import type { Row } from '../grpo/timing.js';
import { WORKLOADS, atWidth, workloadNamed } from '../grpo/workload.js';

test('parameter counts match shared/bench: grpo-tiny 817,920, grpo-small 4,902,912', () => {
  assert.is(parameterCount(WORKLOADS['grpo-tiny']), 817_920);
  assert.is(parameterCount(WORKLOADS['grpo-small']), 4_902_912);
});

test('atWidth: MLP 4·d and heads of 32, other sizes kept; --d-model is checked', () => {
  const wide = atWidth(WORKLOADS['grpo-small'], 512);
  assert.equal([wide.dModel, wide.dFF, wide.heads, wide.layers, wide.vocab], [512, 2048, 16, 6, 256]);
  assert.is(atWidth(WORKLOADS['grpo-small'], 256), WORKLOADS['grpo-small']);
  assert.is(workloadNamed('grpo-small', '128').heads, 4);
  assert.throws(() => workloadNamed('grpo-small', '100'), /--d-model: expected a positive multiple of 32, found "100"/);
  assert.throws(() => workloadNamed('grpo-huge'), /--workload: unknown workload "grpo-huge"/);
});

test('scalingRow: the best PyTorch configuration per phase, which may differ', () => {
  const row = (implementation: string, sample: number, train: number): Row => ({
    implementation,
    backend: 'x',
    threads: 1,
    sample_tok_s: sample,
    train_tok_s: train,
    ms_per_step: (64 * 96 * 1000) / train,
  });
  const w = WORKLOADS['grpo-small'];
  const out = scalingRow(w, [row('PyTorch 1', 900, 500), row('PyTorch 2', 700, 800)], row('sous', 1800, 1000));
  assert.equal([out.torchSample, out.torchTrain, out.sousSample, out.sousTrain], [900, 800, 1800, 1000]);
  // 800 tok/s of 6144-token steps: 7.68 s a step of 242.4 GFLOP.
  assert.ok(Math.abs(out.torchGflops - 242.36 / 7.68) < 0.05, String(out.torchGflops));
});

test.run();
