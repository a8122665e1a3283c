// Metric records → chart series. Steps count from 0 within each stage, so the stages are laid one
// after another on a shared x axis: x = (steps of the stages before) + step.
//   - a stage spans (its largest logged step + 1) steps: a run capped with `--steps` or still
//     running is drawn as far as it got, not as far as the recipe planned;
//   - a line never joins two stages: each series gets a gap (null) at the boundary, x = start - 0.5;
//   - a record that lacks a metric adds no point (metrics logged at different rates stay joined);
//     a metric written as null (a non-finite value) is a gap in its line.
import type { MetricRecord, RecordKind } from './metrics.js';

export interface StageSpan {
  name: string;
  /** First global x of the stage; it ends where the next one starts. */
  start: number;
  /** Number of steps it spans (largest logged step + 1). */
  steps: number;
}

export interface Series {
  metric: string;
  kind: RecordKind;
  /** Ascending global steps. */
  x: number[];
  /** Values at x; null is a gap in the line. */
  y: (number | null)[];
}

export interface RunSeries {
  stages: StageSpan[];
  /** In order of the metric's first appearance, train before eval for one metric. */
  series: Series[];
}

/** Stages in plan order (when known) then in order of first appearance; only those with records. */
function stageOrder(records: MetricRecord[], planned: string[]): string[] {
  const seen = new Set(records.map((r) => r.stage));
  const order = planned.filter((name) => seen.has(name));
  for (const r of records) if (!order.includes(r.stage)) order.push(r.stage);
  return order;
}

function stageSpans(records: MetricRecord[], order: string[]): StageSpan[] {
  const lastStep = new Map<string, number>();
  for (const r of records) lastStep.set(r.stage, Math.max(lastStep.get(r.stage) ?? 0, r.step));
  let start = 0;
  return order.map((name) => {
    const span = { name, start, steps: (lastStep.get(name) ?? 0) + 1 };
    start += span.steps;
    return span;
  });
}

/** Shapes a run's records; `plannedStages` is the stage order from plan.json, if any. */
export function shapeRun(records: MetricRecord[], plannedStages: string[] = []): RunSeries {
  const order = stageOrder(records, plannedStages);
  const stages = stageSpans(records, order);
  const startOf = new Map(stages.map((s) => [s.name, s.start]));
  const rank = new Map(order.map((name, i) => [name, i]));
  // Stable sort: by stage, then step, keeping file order for equal steps.
  const sorted = [...records].sort((a, b) => rank.get(a.stage)! - rank.get(b.stage)! || a.step - b.step);

  const byKey = new Map<string, Series & { lastStage: string }>();
  for (const record of sorted) {
    const start = startOf.get(record.stage)!;
    for (const [metric, value] of Object.entries(record.values)) {
      const key = `${record.kind}\u0000${metric}`;
      let series = byKey.get(key);
      if (!series) {
        series = { metric, kind: record.kind, x: [], y: [], lastStage: record.stage };
        byKey.set(key, series);
      }
      if (series.lastStage !== record.stage) {
        series.x.push(start - 0.5);
        series.y.push(null);
        series.lastStage = record.stage;
      }
      series.x.push(start + record.step);
      series.y.push(value);
    }
  }
  const series = [...byKey.values()].map(({ lastStage: _, ...s }) => s);
  // Group each metric's train and eval series together, at the metric's first appearance.
  const firstIndex = new Map<string, number>();
  series.forEach((s, i) => {
    if (!firstIndex.has(s.metric)) firstIndex.set(s.metric, i);
  });
  series.sort((a, b) => firstIndex.get(a.metric)! - firstIndex.get(b.metric)! || (a.kind === 'train' ? -1 : 1));
  return { stages, series };
}

/** The last non-null value of a series with from <= x < to, or undefined. */
export function lastValueIn(series: Series, from: number, to: number): number | undefined {
  for (let i = series.y.length - 1; i >= 0; i--) {
    const value = series.y[i];
    if (value !== null && series.x[i] >= from && series.x[i] < to) return value;
  }
  return undefined;
}
