// The compiled plan drawn as diagrams, one for the top level and one per stage: dagre lays the
// nodes out left to right (so a stage reads sampler → reward → advantage → mask → loss) and this
// file turns the layout into SVG markup for the report.
import { Graph, layout } from '@dagrejs/dagre';
import type { Plan, PlanNode, PlanStage, Value } from '@sous/dsl';
import { formatNumber } from './format.js';
import { escapeHtml } from './html.js';

export const KIND_COLOURS: Record<string, string> = {
  task: '#9c755f',
  model: '#b07aa1',
  sampler: '#4e79a7',
  reward: '#59a14f',
  advantage: '#b8860b',
  mask: '#3f8f8a',
  loss: '#e15759',
  eval: '#f28e2b',
  op: '#7f7f7f',
};
const OTHER_KIND = '#7f7f7f';
const OPERATOR_SYMBOLS: Record<string, string> = {
  'core.add': '+',
  'core.sub': '−',
  'core.scale': '×',
  'core.and': '&',
  'core.or': '|',
  'core.not': '!',
};

// Text metrics for width estimates (the page uses these fonts for the diagram).
const TITLE_CHAR = 7.8; // 13px bold sans-serif
const MONO_CHAR = 6.7; // 11px monospace
const PAD = 10;
const LINE = 15;
const PARAMS_SHOWN = 40; // characters of the parameter line before it is cut with "…"
const MAX_WIDTH = 1180; // wider than this, a diagram is laid out top to bottom

interface Box {
  node: PlanNode;
  width: number;
  height: number;
  title: string;
  /** Shown under the title: the node's `namespace.name` (empty for an operator). */
  op: string;
  params: string;
  /** Every parameter, for the hover tooltip. */
  allParams: string;
}

function formatValue(value: Value): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  return String(value);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a node shows, in the report's diagrams and in `sous graph`'s DOT: an operator's symbol, or
 * its binding (or short op name), its `namespace.name` and its parameters cut to one short line. */
export interface NodeCaption {
  /** The operator's symbol (`+`, `&` ...) for a built-in operator, else undefined. */
  symbol?: string;
  title: string;
  op: string;
  params: string;
  /** Every parameter, uncut. */
  allParams: string;
}

export function nodeCaption(node: PlanNode): NodeCaption {
  const symbol = OPERATOR_SYMBOLS[node.op];
  const allParams = Object.entries(node.params)
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join(', ');
  if (symbol) return { symbol, title: symbol, op: '', params: '', allParams };
  return {
    title: node.binding ?? node.op.split('.').pop()!,
    op: node.op,
    params: cut(allParams, PARAMS_SHOWN),
    allParams,
  };
}

function boxFor(node: PlanNode): Box {
  const { symbol, title, op, params, allParams } = nodeCaption(node);
  if (symbol) return { node, width: 34, height: 34, title, op, params, allParams };
  const width = PAD * 2 + Math.max(title.length * TITLE_CHAR, op.length * MONO_CHAR, params.length * MONO_CHAR, 60);
  const height = PAD * 2 + 16 + LINE + (params ? LINE : 0);
  return { node, width: Math.ceil(width), height, title, op, params, allParams };
}

/** `stage grpo · 300 steps · adamw lr 1e-4`: a stage diagram's (or DOT cluster's) caption. */
export function stageTitle(stage: PlanStage): string {
  const optimizers = stage.optimizers.map((o) => {
    const lr = o.params.lr;
    return lr === undefined ? o.name : `${o.name} lr ${formatValue(lr)}`;
  });
  return [`stage ${stage.name}`, `${stage.steps} steps`, ...optimizers].join(' · ');
}

/** Smooth path through dagre's edge points: quadratic curves through the midpoints. */
function edgePath(points: { x: number; y: number }[]): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    d += ` Q${f(points[i].x)},${f(points[i].y)} ${f(mid.x)},${f(mid.y)}`;
  }
  const last = points[points.length - 1];
  return `${d} L${f(last.x)},${f(last.y)}`;
}

function nodeMarkup(box: Box, x: number, y: number): string {
  const colour = KIND_COLOURS[box.node.kind] ?? OTHER_KIND;
  const tooltip = `<title>${escapeHtml([`${box.node.id} (${box.node.kind})`, box.node.op, box.allParams].filter(Boolean).join('\n'))}</title>`;
  const left = x - box.width / 2,
    top = y - box.height / 2;
  const attrs = `class="node" data-node="${escapeHtml(box.node.id)}" data-kind="${escapeHtml(box.node.kind)}"`;
  if (!box.op) {
    return (
      `<g ${attrs}>${tooltip}<circle cx="${x}" cy="${y}" r="${box.width / 2}" fill="#fff" stroke="${colour}" stroke-width="1.5"/>` +
      `<text x="${x}" y="${y + 5}" text-anchor="middle" class="op-symbol">${escapeHtml(box.title)}</text></g>`
    );
  }
  const lines = [
    `<text x="${left + PAD}" y="${top + PAD + 12}" class="node-title">${escapeHtml(box.title)}</text>`,
    `<text x="${left + PAD}" y="${top + PAD + 16 + 11}" class="node-op">${escapeHtml(box.op)}</text>`,
  ];
  if (box.params)
    lines.push(
      `<text x="${left + PAD}" y="${top + PAD + 16 + LINE + 11}" class="node-params">${escapeHtml(box.params)}</text>`,
    );
  return (
    `<g ${attrs}>${tooltip}<rect x="${left}" y="${top}" width="${box.width}" height="${box.height}" rx="6" fill="${colour}14" stroke="${colour}" stroke-width="1.5"/>` +
    `<rect x="${left}" y="${top}" width="4" height="${box.height}" rx="2" fill="${colour}"/>${lines.join('')}</g>`
  );
}

interface Placed {
  box: Box;
  /** A top-level node drawn again in a stage's diagram (name only, dashed). */
  ghost: boolean;
}

function ghostBox(node: PlanNode): Box {
  const title = node.binding ?? node.id;
  return {
    node,
    width: Math.ceil(PAD * 2 + title.length * TITLE_CHAR),
    height: 30,
    title,
    op: '',
    params: '',
    allParams: '',
  };
}

function ghostMarkup(box: Box, x: number, y: number): string {
  const colour = KIND_COLOURS[box.node.kind] ?? OTHER_KIND;
  const left = x - box.width / 2,
    top = y - box.height / 2;
  return (
    `<g class="node ghost" data-node="${escapeHtml(box.node.id)}"><title>${escapeHtml(`${box.node.id}: defined at the top level`)}</title>` +
    `<rect x="${left}" y="${top}" width="${box.width}" height="${box.height}" rx="15" fill="#fff" stroke="${colour}" stroke-dasharray="4 3" stroke-width="1.3"/>` +
    `<text x="${x}" y="${y + 4.5}" text-anchor="middle" class="node-title">${escapeHtml(box.title)}</text></g>`
  );
}

interface DiagramEdge {
  from: string;
  to: string;
  port: string;
  label: string;
}

function layoutWith(rankdir: 'LR' | 'TB', placed: Map<string, Placed>, edges: DiagramEdge[]): Graph {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep: 16, ranksep: rankdir === 'LR' ? 44 : 36, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const [id, { box }] of placed) g.setNode(id, { width: box.width, height: box.height });
  for (const e of edges)
    g.setEdge(
      e.from,
      e.to,
      { label: e.label, width: e.label.length * MONO_CHAR, height: e.label ? 14 : 0, labelpos: 'c' },
      e.port,
    );
  layout(g);
  return g;
}

/** Left to right, or top to bottom when left to right would be too wide to read. */
function laidOut(placed: Map<string, Placed>, edges: DiagramEdge[]): Graph {
  const wide = layoutWith('LR', placed, edges);
  return (wide.graph().width ?? 0) <= MAX_WIDTH ? wide : layoutWith('TB', placed, edges);
}

function diagramSvg(
  placed: Map<string, Placed>,
  edges: DiagramEdge[],
  marker: string,
  label: string,
): { svg: string; width: number; height: number } {
  const g = laidOut(placed, edges);
  const parts: string[] = [];
  for (const e of g.edges()) {
    const edge = g.edge(e);
    parts.push(`<path class="edge" d="${edgePath(edge.points ?? [])}" marker-end="url(#${marker})"/>`);
    if (edge.label)
      parts.push(
        `<text class="edge-label" x="${edge.x}" y="${edge.y! + 4}" text-anchor="middle">${escapeHtml(String(edge.label))}</text>`,
      );
  }
  for (const [id, { box, ghost }] of placed) {
    const n = g.node(id);
    parts.push(ghost ? ghostMarkup(box, n.x!, n.y!) : nodeMarkup(box, n.x!, n.y!));
  }
  const w = Math.ceil(g.graph().width ?? 0),
    h = Math.ceil(g.graph().height ?? 0);
  const svg =
    `<svg class="plan-graph" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(label)}">` +
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a8f98"/></marker></defs>` +
    `${parts.join('')}</svg>`;
  return { svg, width: w, height: h };
}

export interface Diagram {
  /** `top level`, or the stage's name, steps and optimizer. */
  title: string;
  svg: string;
  /** The svg's size in pixels. */
  width: number;
  height: number;
}

/** The plan as diagrams: its top-level nodes (models, tasks), then one per stage, where the
 * top-level nodes a stage reads are drawn again as dashed pills instead of long edges. */
export function planDiagrams(plan: Plan): Diagram[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const groups: { title: string; nodes: PlanNode[] }[] = [
    { title: 'top level', nodes: plan.nodes.filter((n) => n.stage === null) },
    ...plan.stages.map((stage) => ({
      title: stageTitle(stage),
      nodes: plan.nodes.filter((n) => n.stage === stage.name),
    })),
  ];
  return groups
    .filter((group) => group.nodes.length)
    .map((group, index) => {
      const placed = new Map<string, Placed>(group.nodes.map((n) => [n.id, { box: boxFor(n), ghost: false }]));
      const edges: DiagramEdge[] = [];
      for (const node of group.nodes) {
        for (const [port, edge] of Object.entries(node.inputs).flatMap(([port, edges]) =>
          [edges].flat().map((edge) => [port, edge] as const),
        )) {
          const source = byId.get(edge.node);
          if (!source) continue;
          if (!placed.has(source.id)) placed.set(source.id, { box: ghostBox(source), ghost: true });
          edges.push({ from: source.id, to: node.id, port, label: edge.member ? `.${edge.member}` : '' });
        }
      }
      return {
        title: group.title,
        ...diagramSvg(placed, edges, `sous-arrow-${index}`, `${plan.recipe}: ${group.title}`),
      };
    });
}
