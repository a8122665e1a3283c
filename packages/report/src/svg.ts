// The compiled plan as one standalone SVG file (`sous graph --format svg`): the report's dagre
// diagrams (report/graph.ts), top level first and then one per stage, stacked under their captions.
import type { Plan } from '@sous/dsl';
import { planDiagrams } from './graph.js';
import { escapeHtml } from './html.js';

const CAPTION = 24; // height of a diagram's caption line
const GAP = 16; // space between one diagram and the next caption

// The report page styles the diagrams from report.css; a file on its own carries the same rules.
const STYLE = [
  '.plan-graph { overflow: visible; }', // dagre's curves can bend past the diagram's box
  '.caption { font: 600 13px system-ui, sans-serif; fill: #1f2430; }',
  '.edge { fill: none; stroke: #8a8f98; stroke-width: 1.3; }',
  '.edge-label { font: 10px monospace; fill: #5b6472; paint-order: stroke; stroke: #fff; stroke-width: 3px; }',
  '.node-title { font: 600 13px system-ui, sans-serif; fill: #1f2430; }',
  '.node-op { font: 11px monospace; fill: #39414f; }',
  '.node-params { font: 11px monospace; fill: #5b6472; }',
  '.op-symbol { font: 600 16px system-ui, sans-serif; fill: #1f2430; }',
].join(' ');

export function planToSvg(plan: Plan): string {
  const parts: string[] = [];
  let y = 0,
    width = 0;
  for (const diagram of planDiagrams(plan)) {
    parts.push(`<text class="caption" x="8" y="${y + 17}">${escapeHtml(diagram.title)}</text>`);
    parts.push(`<g transform="translate(0,${y + CAPTION})">${diagram.svg}</g>`);
    y += CAPTION + diagram.height + GAP;
    width = Math.max(width, diagram.width);
  }
  const height = Math.max(0, y - GAP);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(plan.recipe)}">` +
    `<style>${STYLE}</style><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`
  );
}
