/// <reference lib="dom" />
// `sous serve`'s index: the runs in the folder, how far each got, and a way to compare some.
import type { RunListing } from '../page-data.js';
import { formatNumber } from '../format.js';
import { el } from './dom.js';

const ACTIVE_SECONDS = 30;

function idle(run: RunListing): string {
  if (run.idleSeconds === undefined) return '–';
  if (run.idleSeconds < ACTIVE_SECONDS) return 'running';
  const minutes = Math.round(run.idleSeconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export function renderRunList(container: HTMLElement, runs: RunListing[]): void {
  const checked = new Set(
    Array.from(container.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked'), (c) => c.value),
  );
  const compare = el('button', { type: 'button', class: 'compare-button' }, 'Compare selected');
  const rows = runs.map((run) => {
    const box = el('input', { type: 'checkbox', value: run.name, 'aria-label': `select ${run.name}` });
    box.checked = checked.has(run.name);
    const state = idle(run);
    return el(
      'tr',
      { 'data-run': run.name },
      el('td', {}, box),
      el('td', {}, el('a', { href: run.href }, run.name)),
      el('td', {}, run.recipe ?? '–'),
      el('td', {}, run.progress),
      el('td', { class: 'num' }, run.lastLoss === undefined ? '–' : formatNumber(run.lastLoss)),
      el('td', {}, el('span', { class: state === 'running' ? 'state running' : 'state' }, state)),
    );
  });
  const body = el(
    'div',
    {},
    runs.length
      ? el(
          'table',
          { class: 'run-list' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', {}),
              el('th', {}, 'run'),
              el('th', {}, 'recipe'),
              el('th', {}, 'progress'),
              el('th', { class: 'num' }, 'loss'),
              el('th', {}, 'state'),
            ),
          ),
          el('tbody', {}, ...rows),
        )
      : el('p', { class: 'empty' }, 'No runs in this folder yet. Start one with `sous run`.'),
    el('div', { class: 'actions' }, compare),
  );
  const update = () => {
    const picked = Array.from(body.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked'), (c) => c.value);
    compare.disabled = picked.length < 2;
    compare.onclick = () => {
      location.href = `compare?${picked.map((p) => `run=${encodeURIComponent(p)}`).join('&')}`;
    };
  };
  body.addEventListener('change', update);
  update();
  container.replaceChildren(body);
}
