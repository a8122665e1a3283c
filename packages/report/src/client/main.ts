/// <reference lib="dom" />
// The report's browser script: reads the page data the page builder embedded (#sous-data) and
// draws the summary and charts, or `sous serve`'s run list; with a `live` URL it redraws from
// the server-sent events that follow.
import 'uplot/dist/uPlot.min.css';
import './report.css';
import type { PageData } from '../page-data.js';
import { ChartGrid } from './charts.js';
import { renderRunList } from './run-list.js';
import { renderSummary, renderWarnings } from './summary.js';

function section(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

type View = (page: PageData) => void;

function chartsView(): View {
  const grid = new ChartGrid(section('charts'));
  return (page) => {
    if (page.kind === 'index') return;
    renderWarnings(section('warnings'), page.warnings);
    renderSummary(section('summary'), page.runs, page.kind === 'compare');
    grid.update(page.charts, page);
  };
}

function indexView(): View {
  const runs = section('runs');
  return (page) => {
    if (page.kind === 'index') renderRunList(runs, page.runs);
  };
}

/** Follows a server-sent events stream of page data; shows the connection in #live-status. */
function follow(url: string, draw: View): void {
  const status = section('live-status');
  const events = new EventSource(url);
  events.onopen = () => {
    status.textContent = 'live';
    status.className = 'live on';
  };
  events.onerror = () => {
    status.textContent = 'reconnecting…';
    status.className = 'live off';
  };
  events.onmessage = (event) => {
    draw(JSON.parse(event.data) as PageData);
    status.title = `updated ${new Date().toLocaleTimeString()}`;
  };
}

const data = JSON.parse(section('sous-data').textContent ?? '{}') as PageData;
const draw = data.kind === 'index' ? indexView() : chartsView();
draw(data);
if (data.live) follow(data.live, draw);
