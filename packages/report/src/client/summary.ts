/// <reference lib="dom" />
// The run summary above the charts: per run, each stage's progress and its latest values.
import type { RunSummary, StageSummary } from '../page-data.js';
import { formatNumber } from '../format.js';
import { el } from './dom.js';

function metricList(stage: StageSummary): HTMLElement {
  const items = [
    ...Object.entries(stage.train).map(([name, v]) =>
      el('div', { class: 'metric' }, el('dt', {}, name), el('dd', {}, formatNumber(v))),
    ),
    ...Object.entries(stage.eval).map(([name, v]) =>
      el(
        'div',
        { class: 'metric eval' },
        el('dt', {}, name, el('span', { class: 'tag' }, 'eval')),
        el('dd', {}, formatNumber(v)),
      ),
    ),
  ];
  return el('dl', { class: 'metrics' }, ...items);
}

function stageRow(stage: StageSummary): HTMLElement {
  const total = stage.planned ?? stage.steps;
  const share = Math.min(100, (100 * stage.steps) / Math.max(total, 1));
  return el(
    'div',
    { class: 'stage-row' },
    el('div', { class: 'stage-name' }, stage.stage),
    el(
      'div',
      { class: 'stage-progress' },
      el('div', { class: 'bar' }, el('div', { class: 'fill', style: `width:${share.toFixed(1)}%` })),
      el(
        'div',
        { class: 'steps' },
        stage.planned === undefined ? `${stage.steps} steps` : `${stage.steps} / ${stage.planned} steps`,
      ),
    ),
    metricList(stage),
  );
}

export function renderSummary(container: HTMLElement, runs: RunSummary[], showRunNames: boolean): void {
  container.replaceChildren(
    ...runs.map((run) => {
      const name = run.href ? el('a', { href: run.href }, run.run) : run.run;
      return el(
        'article',
        { class: 'run-summary', style: `--run-colour:${run.color}` },
        showRunNames ? el('h3', {}, el('span', { class: 'swatch' }), name) : null,
        ...(run.stages.length ? run.stages.map(stageRow) : [el('p', { class: 'empty' }, 'No steps logged yet.')]),
      );
    }),
  );
}

export function renderWarnings(container: HTMLElement, warnings: string[]): void {
  container.replaceChildren();
  if (!warnings.length) return;
  container.append(
    el(
      'details',
      { class: 'warnings' },
      el('summary', {}, `${warnings.length} warning${warnings.length === 1 ? '' : 's'} while reading the run files`),
      el('ul', {}, ...warnings.map((w) => el('li', {}, w))),
    ),
  );
}
