// The JSON a report page carries (and `sous serve` streams): everything the browser script needs
// to draw the summary and the charts. Types only, shared by the page builder and the client.
import type { RecordKind } from './metrics.js';

export interface ChartSeries {
  /** Legend text: `eval` / `train` for one run, the run name (and `eval`) in a comparison. */
  label: string;
  run: string;
  kind: RecordKind;
  /** CSS hex colour, distinct within a chart and the same for a run and kind across charts. */
  color: string;
  x: number[];
  /** null is a gap in the line. */
  y: (number | null)[];
}

export interface ChartSpec {
  metric: string;
  series: ChartSeries[];
}

/** Where a stage starts on the x axis (a dashed line is drawn at start - 0.5). */
export interface StageMark {
  run: string;
  name: string;
  start: number;
}

export interface StageSummary {
  stage: string;
  /** Steps logged so far (largest step + 1). */
  steps: number;
  /** Steps the recipe asks for, when plan.json is there. */
  planned?: number;
  /** Latest value of each training metric. */
  train: Record<string, number>;
  /** Latest value of each eval metric. */
  eval: Record<string, number>;
}

export interface RunSummary {
  run: string;
  color: string;
  stages: StageSummary[];
  /** Link to the run's own report (comparisons and the served index). */
  href?: string;
}

export interface ChartsPage {
  kind: 'run' | 'compare';
  runs: RunSummary[];
  stages: StageMark[];
  /** The x axis of every chart runs from 0 to this (the last step any run reached), so the
   * charts line up under each other and their stage bands match. */
  lastStep: number;
  charts: ChartSpec[];
  /** Skipped metrics lines and other problems, shown at the top of the page. */
  warnings: string[];
  /** Server-sent events URL that sends a fresh `ChartsPage` whenever the run's metrics change. */
  live?: string;
}

/** One row of `sous serve`'s run list. */
export interface RunListing {
  name: string;
  recipe?: string;
  href: string;
  /** The latest stage and step logged, e.g. `grpo 120/200`. */
  progress: string;
  lastLoss?: number;
  /** Seconds since metrics.jsonl last changed. */
  idleSeconds?: number;
}

export interface IndexPage {
  kind: 'index';
  runs: RunListing[];
  live?: string;
}

export type PageData = ChartsPage | IndexPage;
