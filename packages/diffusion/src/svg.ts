// SVG scatter plots: ground truth beside samples, on shared axes (first two coordinates), points
// coloured by label. The run report shows every SVG under samples/.
import type { Points } from './points.js';

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const PANEL = 320,
  PAD = 24,
  MAX_POINTS = 2000;

function range(points: Points[], axis: number): [number, number] {
  const values = points
    .flatMap((p) => Array.from({ length: Math.min(p.count, MAX_POINTS) }, (_, row) => p.values[row * p.dim + axis]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  // The 0.5% and 99.5% quantiles, rounded outward: a set under 200 points keeps its extremes.
  const low = values[Math.floor(0.005 * values.length)],
    high = values[Math.ceil(0.995 * (values.length - 1))];
  const margin = 0.08 * (high - low || 1);
  return [low - margin, high + margin];
}

function panel(points: Points, title: string, offset: number, xr: [number, number], yr: [number, number]): string {
  const sx = (v: number) => offset + PAD + ((v - xr[0]) / (xr[1] - xr[0])) * (PANEL - 2 * PAD);
  const sy = (v: number) => PANEL - PAD - ((v - yr[0]) / (yr[1] - yr[0])) * (PANEL - 2 * PAD);
  const dots: string[] = [];
  for (let row = 0; row < Math.min(points.count, MAX_POINTS); row++) {
    const x = points.values[row * points.dim],
      y = points.dim > 1 ? points.values[row * points.dim + 1] : 0;
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < xr[0] || x > xr[1] || y < yr[0] || y > yr[1]) continue;
    const color = PALETTE[(points.labels?.[row] ?? 0) % PALETTE.length];
    dots.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="1.6" fill="${color}" fill-opacity="0.6"/>`);
  }
  return (
    `<g><rect x="${offset + PAD}" y="${PAD}" width="${PANEL - 2 * PAD}" height="${PANEL - 2 * PAD}" fill="none" stroke="#ccc"/>` +
    `<text x="${offset + PANEL / 2}" y="16" text-anchor="middle" font-family="sans-serif" font-size="13">${title}</text>${dots.join('')}</g>`
  );
}

export function scatterSvg(reference: Points, samples: Points, title: string): string {
  const xr = range([reference, samples], 0),
    yr = reference.dim > 1 ? range([reference, samples], 1) : ([-1, 1] as [number, number]);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * PANEL}" height="${PANEL}" viewBox="0 0 ${2 * PANEL} ${PANEL}">` +
    `<title>${title}</title>${panel(reference, 'ground truth', 0, xr, yr)}${panel(samples, title, PANEL, xr, yr)}</svg>\n`
  );
}

/** Rows as CSV: x0,x1,...,label. */
export function pointsCsv(points: Points): string {
  const header = [...Array.from({ length: points.dim }, (_, i) => `x${i}`), 'label'].join(',');
  const rows = Array.from(
    { length: points.count },
    (_, row) =>
      [...points.values.subarray(row * points.dim, (row + 1) * points.dim)].join(',') +
      ',' +
      (points.labels?.[row] ?? ''),
  );
  return [header, ...rows].join('\n') + '\n';
}
