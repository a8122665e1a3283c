// The HTML of a report page: a header, the sections built here (samples, compiled graph, recipe)
// and the containers the browser script fills from the embedded page data (summary, charts, run
// list). Script and styles are inlined, and the Content-Security-Policy forbids any fetch other
// than a live page's own event stream, so a report works offline and from file://.
import { clientBundle } from './client-bundle.js';
import { KIND_COLOURS, planDiagrams } from './graph.js';
import { escapeHtml, jsonForScript } from './html.js';
import type { PageData } from './page-data.js';
import { recipeHtml } from './recipe.js';
import { recipeTokens } from './recipe-highlight.js';
import type { RunFolder } from './run-folder.js';

const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; media-src data:; connect-src 'self'";

export interface PageParts {
  title: string;
  /** Text under the title (HTML). */
  subtitle?: string;
  data: PageData;
  /** Sections after the charts (HTML). */
  sections?: string[];
}

function panel(title: string, body: string, attrs = ''): string {
  return `<section ${attrs}><h2>${escapeHtml(title)}</h2><div class="panel">${body}</div></section>`;
}

/** Blocks of inlined text must not contain their own closing tag. */
function inline(tag: 'script' | 'style', text: string): string {
  return `<${tag}>${text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1')}</${tag}>`;
}

export async function pageHtml(parts: PageParts): Promise<string> {
  const bundle = await clientBundle();
  const main =
    parts.data.kind === 'index'
      ? '<section id="runs"></section>'
      : `<div id="warnings"></div><section id="summary"></section><h2>Metrics</h2><section id="charts" class="charts"></section>${(parts.sections ?? []).join('')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(parts.title)} · sous</title>
${inline('style', bundle.style)}
</head>
<body>
<header class="top"><div class="brand">sous report</div><h1>${escapeHtml(parts.title)} <span id="live-status" class="live"></span></h1>${parts.subtitle ? `<p class="subtitle">${parts.subtitle}</p>` : ''}</header>
<main>
<noscript><p class="empty">The charts need JavaScript.</p></noscript>
${main}
</main>
<script type="application/json" id="sous-data">${jsonForScript(parts.data)}</script>
${inline('script', bundle.script)}
</body>
</html>
`;
}

function samplesSection(run: RunFolder): string {
  if (!run.samples.length && !run.audio.length) return '';
  const figures = run.samples.map(
    (s) =>
      `<figure><img alt="${escapeHtml(s.name)}" src="data:image/svg+xml;base64,${Buffer.from(s.svg).toString('base64')}"><figcaption>${escapeHtml(s.name)}</figcaption></figure>`,
  );
  for (const a of run.audio) {
    figures.push(
      `<figure><audio controls preload="none" src="data:${a.type};base64,${a.data.toString('base64')}"></audio><figcaption>${escapeHtml(a.name)}</figcaption></figure>`,
    );
  }
  return panel('Samples', `<div class="samples">${figures.join('')}</div>`, 'id="samples"');
}

function graphSection(run: RunFolder): string {
  if (!run.plan) return '';
  const kinds = [...new Set(run.plan.nodes.map((n) => n.kind))].filter((k) => KIND_COLOURS[k]);
  const legend = kinds.map((k) => `<li style="--kind-colour:${KIND_COLOURS[k]}">${escapeHtml(k)}</li>`).join('');
  const diagrams = planDiagrams(run.plan).map(
    (d) =>
      `<figure class="diagram"><figcaption>${escapeHtml(d.title)}</figcaption><div class="graph-scroll">${d.svg}</div></figure>`,
  );
  return panel('Compiled graph', `${diagrams.join('')}<ul class="kinds">${legend}</ul>`, 'id="graph"');
}

async function recipeSection(run: RunFolder): Promise<string> {
  return run.recipe === undefined ? '' : panel('Recipe', recipeHtml(await recipeTokens(run.recipe)), 'id="recipe"');
}

/** The sections a single run's page shows under its charts. */
export async function runSections(run: RunFolder): Promise<string[]> {
  return [samplesSection(run), graphSection(run), await recipeSection(run)].filter(Boolean);
}

/** `recipe grpo-arithmetic · stages sft, grpo · plan 3f2a9c1e` for a run's header. */
export function runSubtitle(run: RunFolder): string {
  const parts: string[] = [];
  if (run.plan) {
    parts.push(`recipe <code>${escapeHtml(run.plan.recipe)}</code>`);
    parts.push(`stages ${run.plan.stages.map((s) => `<code>${escapeHtml(s.name)}</code>`).join(', ')}`);
    parts.push(`plan <code>${escapeHtml(run.plan.hash.slice(0, 8))}</code>`);
  }
  parts.push(`folder <code>${escapeHtml(run.dir)}</code>`);
  return parts.join(' · ');
}
