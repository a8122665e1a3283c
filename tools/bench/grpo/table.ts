// The benchmark table: every row's rates and its ratio to the fastest PyTorch configuration of
// each phase (above 1 is faster than PyTorch).
import { maxOf } from '@sous/core';
import { median, type Row } from './timing.js';

export const isPyTorch = (row: Row) => row.implementation.startsWith('PyTorch');

export function bestPyTorch(rows: Row[]): { sample: number; train: number } {
  const torch = rows.filter(isPyTorch);
  return { sample: maxOf(torch.map((r) => r.sample_tok_s)), train: maxOf(torch.map((r) => r.train_tok_s)) };
}

const integer = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (x: number, best: number) => (Number.isFinite(best) && best > 0 ? `${(x / best).toFixed(2)}×` : '–');

const rowKey = (r: Row) => `${r.implementation}\u0000${r.backend}\u0000${r.threads}`;

/** One row per implementation (first-seen order) with the median of its rates over the rounds
 * that measured it; the profile and kernel times are those of its first round. */
export function medianOverRounds(perRound: Row[][]): Row[] {
  const byKey = new Map<string, Row[]>();
  for (const row of perRound.flat()) {
    const rows = byKey.get(rowKey(row)) ?? [];
    rows.push(row);
    byKey.set(rowKey(row), rows);
  }
  return [...byKey.values()].map((rows) => ({
    ...rows[0],
    sample_tok_s: median(rows.map((r) => r.sample_tok_s)),
    train_tok_s: median(rows.map((r) => r.train_tok_s)),
    ms_per_step: median(rows.map((r) => r.ms_per_step)),
    ...(rows[0].sample_ms !== undefined ? { sample_ms: median(rows.map((r) => r.sample_ms!)) } : {}),
    // Memory is a peak: the largest any round reached.
    ...(rows[0].peak_rss_mb !== undefined ? { peak_rss_mb: maxOf(rows.map((r) => r.peak_rss_mb ?? 0)) } : {}),
  }));
}

/** Each round's non-PyTorch rows against the fastest PyTorch configuration of the same round. */
export function formatRounds(perRound: Row[][]): string {
  const lines = perRound.map((rows, i) => {
    const best = bestPyTorch(rows);
    const cells = rows
      .filter((r) => !isPyTorch(r))
      .map(
        (r) =>
          `${r.implementation} on ${r.backend} ${ratio(r.sample_tok_s, best.sample)} / ${ratio(r.train_tok_s, best.train)}`,
      );
    return `  round ${i + 1}: ${cells.join('; ')}`;
  });
  return ['each round against its own fastest PyTorch (sample / train):', ...lines].join('\n');
}

/** GFLOP/s a training step of `flopsPerStep` achieves at the row's ms per step. */
export const trainGflops = (row: Row, flopsPerStep: number) => flopsPerStep / (row.ms_per_step / 1000) / 1e9;

/** A Markdown table (it reads as plain text too); with `flopsPerStep` (the workload's training
 * step, workload.ts's trainStepFlops) a column of achieved GFLOP/s. */
export function formatTable(rows: Row[], flopsPerStep?: number): string {
  const best = bestPyTorch(rows);
  const header = [
    'implementation',
    'backend',
    'threads',
    'sample tok/s',
    'train tok/s',
    'ms/step',
    'sample vs best PyTorch',
    'train vs best PyTorch',
    ...(flopsPerStep ? ['train GFLOP/s'] : []),
    'peak MiB',
  ];
  const lines = rows.map((r) => [
    r.implementation +
      (r.runs !== undefined && r.runs < 5 ? ` (${r.runs} timed run${r.runs === 1 ? '' : 's'}: time budget)` : ''),
    r.backend,
    String(r.threads),
    integer(r.sample_tok_s),
    integer(r.train_tok_s),
    integer(r.ms_per_step),
    ratio(r.sample_tok_s, best.sample),
    ratio(r.train_tok_s, best.train),
    ...(flopsPerStep ? [trainGflops(r, flopsPerStep).toFixed(1)] : []),
    r.peak_rss_mb === undefined ? '–' : integer(r.peak_rss_mb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const numeric = (i: number) => i >= 2;
  const cell = (text: string, i: number) => (numeric(i) ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const render = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}

/** Milliseconds by part, largest first (the first `limit`), with each part's share. */
export function formatProfile(times: Record<string, number>, limit = Infinity): string {
  const parts = Object.entries(times);
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  const width = maxOf(parts.map(([label]) => label.length));
  return parts
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(
      ([label, ms]) =>
        `  ${label.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
    )
    .join('\n');
}
