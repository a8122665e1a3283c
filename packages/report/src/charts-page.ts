// Run folders → the data of a report or comparison page: one chart per metric, overlaying the
// train and eval series of every run, with colours that stay put across charts.
import type { ChartSeries, ChartSpec, ChartsPage, RunSummary, StageMark, StageSummary } from './page-data.js';
import type { RunFolder } from './run-folder.js';
import { lastValueIn, shapeRun, type RunSeries } from './series.js';

/** Tableau 10 without its grey (grey is kept for stage boundaries). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#17becf',
];

interface ShapedRun {
  folder: RunFolder;
  shaped: RunSeries;
}

/** Colours by (run, kind) in order of first use, so a run's eval series differs from its train one. */
function colourPicker(): (run: string, kind: string) => string {
  const assigned = new Map<string, string>();
  return (run, kind) => {
    const key = `${run}\u0000${kind}`;
    if (!assigned.has(key)) assigned.set(key, PALETTE[assigned.size % PALETTE.length]);
    return assigned.get(key)!;
  };
}

function stageSummaries({ folder, shaped }: ShapedRun): StageSummary[] {
  const planned = new Map(folder.plan?.stages.map((s) => [s.name, s.steps]) ?? []);
  return shaped.stages.map((span) => {
    const summary: StageSummary = {
      stage: span.name,
      steps: span.steps,
      planned: planned.get(span.name),
      train: {},
      eval: {},
    };
    for (const series of shaped.series) {
      const value = lastValueIn(series, span.start, span.start + span.steps);
      if (value !== undefined) summary[series.kind][series.metric] = value;
    }
    return summary;
  });
}

function chartsOf(runs: ShapedRun[], colour: (run: string, kind: string) => string, compare: boolean): ChartSpec[] {
  const charts = new Map<string, ChartSeries[]>();
  for (const { folder, shaped } of runs) {
    for (const s of shaped.series) {
      const label = compare ? (s.kind === 'eval' ? `${folder.name} (eval)` : folder.name) : s.kind;
      if (!charts.has(s.metric)) charts.set(s.metric, []);
      charts
        .get(s.metric)!
        .push({ label, run: folder.name, kind: s.kind, color: colour(folder.name, s.kind), x: s.x, y: s.y });
    }
  }
  return [...charts].map(([metric, series]) => ({ metric, series }));
}

export interface ChartsPageOptions {
  /** Overlay runs, labelling series by run name (a comparison) rather than by train/eval. */
  compare?: boolean;
  /** A link to each run's own page, shown in the summary. */
  links?: (folder: RunFolder) => string | undefined;
}

/** Builds the page data for one run or a comparison of several. */
export function chartsPage(folders: RunFolder[], options: ChartsPageOptions = {}): ChartsPage {
  const compare = options.compare ?? false;
  const runs: ShapedRun[] = folders.map((folder) => ({
    folder,
    shaped: shapeRun(
      folder.records,
      folder.plan?.stages.map((s) => s.name),
    ),
  }));
  const colour = colourPicker();
  const charts = chartsOf(runs, colour, compare);
  const summaries: RunSummary[] = runs.map((run) => ({
    run: run.folder.name,
    color: colour(run.folder.name, 'train'),
    stages: stageSummaries(run),
    href: options.links?.(run.folder),
  }));
  const stages: StageMark[] = runs.flatMap(({ folder, shaped }) =>
    shaped.stages.map((s) => ({ run: folder.name, name: s.name, start: s.start })),
  );
  const lastStep = Math.max(0, ...runs.flatMap(({ shaped }) => shaped.stages.map((s) => s.start + s.steps - 1)));
  const warnings = folders.flatMap((f) => f.warnings);
  return { kind: compare ? 'compare' : 'run', runs: summaries, stages, lastStep, charts, warnings };
}
