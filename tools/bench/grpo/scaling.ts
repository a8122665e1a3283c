// The scaling table (`npm run bench -- --workload grpo-small --scaling`): the workload at
// d_model 128, 256 and 512 (MLP 4·d, heads of 32, every other size as the workload's), PyTorch in
// its three configurations and sous on its default backend, each width in processes of their
// own; per width the best PyTorch rate of each phase and sous's, with their ratio and achieved
// training GFLOP/s, so a reader sees how the cost grows with the model and where sous stands.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxOf } from '@sous/core';
import { nodeRow, torchRows } from '../rows.js';
import { trainGflops } from './table.js';
import type { Row } from './timing.js';
import { atWidth, trainStepFlops, type Workload } from './workload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCALING_WIDTHS = [128, 256, 512];

export interface ScalingRow {
  dModel: number;
  parameters: number;
  torchSample: number;
  torchTrain: number;
  sousSample: number;
  sousTrain: number;
  torchGflops: number;
  sousGflops: number;
  sousPeakMb?: number;
  torchPeakMb?: number;
}

/** Parameters of the workload's GPT: embeddings, per-layer matrices, biases and LayerNorms, head. */
export function parameterCount(w: Workload): number {
  const d = w.dModel;
  const perLayer = 3 * d * d + 3 * d + d * d + d + d * w.dFF + w.dFF + w.dFF * d + d + 4 * d;
  return w.vocab * d + w.context * d + w.layers * perLayer + 2 * d + d * w.vocab;
}

/** One width measured: the best of the PyTorch rows per phase, sous's row. */
export function scalingRow(w: Workload, torch: Row[], sous: Row): ScalingRow {
  const flops = trainStepFlops(w);
  const fastestTrain = torch.reduce((best, row) => (row.train_tok_s > best.train_tok_s ? row : best));
  return {
    dModel: w.dModel,
    parameters: parameterCount(w),
    torchSample: maxOf(torch.map((r) => r.sample_tok_s)),
    torchTrain: fastestTrain.train_tok_s,
    sousSample: sous.sample_tok_s,
    sousTrain: sous.train_tok_s,
    torchGflops: trainGflops(fastestTrain, flops),
    sousGflops: trainGflops(sous, flops),
    sousPeakMb: sous.peak_rss_mb,
    torchPeakMb: maxOf(torch.map((r) => r.peak_rss_mb ?? 0)),
  };
}

export function measureScaling(w: Workload, backend: string | undefined): ScalingRow[] {
  return SCALING_WIDTHS.map((dModel) => {
    const at = atWidth(w, dModel);
    const width = ['--workload', w.name, '--d-model', String(dModel)];
    const torch = torchRows(width);
    const sous = nodeRow(path.join(here, 'measure-sous.ts'), [...width, ...(backend ? ['--backend', backend] : [])]);
    return scalingRow(at, torch, sous);
  });
}

export function formatScaling(rows: ScalingRow[]): string {
  const header =
    '| d_model | parameters | sample tok/s PyTorch | sous | ratio | train tok/s PyTorch | sous | ratio | train GFLOP/s PyTorch | sous | peak MiB PyTorch | sous |';
  const rule = '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines = rows.map(
    (r) =>
      `| ${r.dModel} | ${n(r.parameters)} | ${n(r.torchSample)} | ${n(r.sousSample)} | ${(r.sousSample / r.torchSample).toFixed(2)}× | ` +
      `${n(r.torchTrain)} | ${n(r.sousTrain)} | ${(r.sousTrain / r.torchTrain).toFixed(2)}× | ` +
      `${r.torchGflops.toFixed(1)} | ${r.sousGflops.toFixed(1)} | ${r.torchPeakMb ? n(r.torchPeakMb) : '–'} | ${r.sousPeakMb ? n(r.sousPeakMb) : '–'} |`,
  );
  return [header, rule, ...lines].join('\n');
}
