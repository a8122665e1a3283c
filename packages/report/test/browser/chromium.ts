// Headless Chromium for the report tests: Debian's `chromium` package driven by playwright-core.
// CI installs it (.ci/run); without it the browser tests fail in CI and count as skipped elsewhere
// (tools/test/prerequisites.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go (packages/report/test-artifacts/, git-ignored). */
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** What the browser tests miss here, with how to install it, or undefined when they can run. */
export function browserUnavailable(): string | undefined {
  return fs.existsSync(CHROMIUM)
    ? undefined
    : `Chromium at ${CHROMIUM} (install it with \`apt-get install chromium\`; .ci/run does)`;
}

/** Each launch gets a fresh temporary profile (playwright's own user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed or outside requests seen so far. */
  problems: string[];
}

/** A new page that records every console error, page error and request leaving `allowed`. */
export async function watchedPage(browser: Browser, allowed: (url: string) => boolean): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Leaving a live page aborts its event stream; that is not a failure.
    if (r.resourceType() === 'eventsource' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`unexpected request: ${r.url()}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface ChartDrawing {
  metric: string;
  /** Non-null values the chart was given (the card's data-points). */
  points: number;
  /** Canvas pixels in each series' colour. */
  series: { label: string; color: string; pixels: number }[];
}

// Runs in the page, kept as plain JavaScript text so no compiler helper leaks into it. Counts,
// for every chart card, the canvas pixels within a small distance of each series' colour.
const COUNT_SERIES_PIXELS = `(() => Array.from(document.querySelectorAll('.chart-card'), (card) => {
  const canvas = card.querySelector('canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const series = JSON.parse(card.dataset.series).map((s) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(s.color.slice(i, i + 2), 16));
    let pixels = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r) <= 12 && Math.abs(data[i + 1] - g) <= 12 && Math.abs(data[i + 2] - b) <= 12) pixels++;
    }
    return { label: s.label, color: s.color, pixels };
  });
  return { metric: card.dataset.metric, points: Number(card.dataset.points), series };
}))()`;

/** What each chart on the page has drawn, once every chart has its canvas. */
export async function chartDrawings(page: Page): Promise<ChartDrawing[]> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.chart-card')).every((c) => (c.querySelector('canvas')?.width ?? 0) > 0),
  );
  return page.evaluate(COUNT_SERIES_PIXELS) as Promise<ChartDrawing[]>;
}
