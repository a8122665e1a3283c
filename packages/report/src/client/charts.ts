/// <reference lib="dom" />
// One uPlot chart per metric. Each card records what it shows (data-metric, data-series with
// labels and colours, data-points) so tests and scripts can check the drawing against the data.
import uPlot from 'uplot';
import type { ChartSpec, StageMark } from '../page-data.js';
import { formatNumber } from '../format.js';
import { el } from './dom.js';
import { stageBands } from './stage-bands.js';

const HEIGHT = 230;

interface Drawn {
  spec: ChartSpec;
  card: HTMLElement;
  plot: uPlot;
}

function aligned(spec: ChartSpec): uPlot.AlignedData {
  // Alignment fills become undefined (spanned over); a null from the data stays a gap.
  return uPlot.join(spec.series.map((s) => [s.x, s.y] as uPlot.AlignedData));
}

function pointCount(spec: ChartSpec): number {
  return spec.series.reduce((n, s) => n + s.y.filter((v) => v !== null).length, 0);
}

/** Width of the y axis: enough for its longest tick label (about 7 px a character at 12 px). */
function tickLabelRoom(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(0, ...(values ?? []).map((v) => v.length));
  return Math.max(40, 18 + 7 * longest);
}

/** uPlot draws a line through a gap and clips it out; a steep segment's thick stroke would
 * still show a stub at each edge, so the clip is widened by the stroke width. */
function widenGaps(_u: uPlot, _series: number, _from: number, _to: number, gaps: uPlot.Series.Gaps): uPlot.Series.Gaps {
  const by = 2 * (devicePixelRatio || 1);
  return gaps.map(([start, end]): uPlot.Series.Gap => [start - by, end + by]);
}

/** What every chart shares: the stage marks and the extent of the x axis. */
export interface Layout {
  stages: StageMark[];
  lastStep: number;
}

/** Steps 0 to last, with a little room so points on the first and last step are not cut in half. */
function paddedRange(last: number): uPlot.Range.MinMax {
  const pad = Math.max(0.3, last * 0.015);
  return [-pad, Math.max(1, last) + pad];
}

/** `lastStep` is read at each redraw: a live run's axis grows without rebuilding the chart. */
function options(spec: ChartSpec, stages: StageMark[], lastStep: () => number, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: false, range: () => paddedRange(lastStep()) } },
    axes: [
      {
        label: 'step',
        labelSize: 18,
        size: 36,
        stroke: '#5b6472',
        grid: { stroke: '#eceef2' },
        ticks: { stroke: '#d6d9df' },
      },
      {
        size: tickLabelRoom,
        stroke: '#5b6472',
        grid: { stroke: '#eceef2' },
        ticks: { stroke: '#d6d9df' },
        values: (_u, ticks) => ticks.map(formatNumber),
      },
    ],
    series: [
      { label: 'step', value: (_u, v) => (v == null ? '–' : String(v)) },
      ...spec.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          gaps: widenGaps,
          value: (_u, v) => (v == null ? '–' : formatNumber(v)),
          ...(s.kind === 'eval'
            ? { dash: [5, 4], points: { show: true, size: 7, fill: s.color, stroke: s.color } }
            : {}),
        }),
      ),
    ],
    cursor: { sync: { key: 'sous-steps' }, points: { size: 7 } },
    legend: { live: true },
    plugins: [stageBands(stages)],
  };
}

/** The charts section: builds the cards, and on an update redraws in place when the same
 * series are there (live runs), or rebuilds when the set of charts changed. */
export class ChartGrid {
  private drawn: Drawn[] = [];
  private shape = '';
  private lastStep = 1;

  constructor(private readonly container: HTMLElement) {
    new ResizeObserver(() => this.resize()).observe(container);
  }

  private width(card: HTMLElement): number {
    return Math.max(260, card.clientWidth - 24);
  }

  update(charts: ChartSpec[], layout: Layout): void {
    this.lastStep = layout.lastStep;
    const shape = JSON.stringify([
      charts.map((c) => [c.metric, c.series.map((s) => [s.label, s.color])]),
      layout.stages,
    ]);
    if (shape === this.shape) {
      charts.forEach((spec, i) => {
        const drawn = this.drawn[i];
        drawn.spec = spec;
        drawn.plot.setData(aligned(spec));
        drawn.card.dataset.points = String(pointCount(spec));
      });
      return;
    }
    this.shape = shape;
    for (const d of this.drawn) d.plot.destroy();
    this.container.replaceChildren();
    this.drawn = charts.map((spec) => {
      const target = el('div', { class: 'chart' });
      const card = el(
        'figure',
        { class: 'chart-card', 'data-metric': spec.metric },
        el('figcaption', {}, spec.metric),
        target,
      );
      card.dataset.series = JSON.stringify(spec.series.map((s) => ({ label: s.label, color: s.color, kind: s.kind })));
      card.dataset.points = String(pointCount(spec));
      this.container.append(card);
      const plot = new uPlot(
        options(spec, layout.stages, () => this.lastStep, this.width(card)),
        aligned(spec),
        target,
      );
      return { spec, card, plot };
    });
    if (!charts.length) this.container.append(el('p', { class: 'empty' }, 'No metrics logged yet.'));
  }

  private resize(): void {
    for (const d of this.drawn) {
      const width = this.width(d.card);
      if (Math.abs(width - d.plot.width) > 1) d.plot.setSize({ width, height: HEIGHT });
    }
  }
}
