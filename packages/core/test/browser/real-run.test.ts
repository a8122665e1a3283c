// End to end on real training: `examples/sft-arithmetic.recipe` run for a few steps by the
// trainer (which writes report.html itself), then its report, a comparison of two seeds, and
// `sous serve` following a run while it trains, all in headless Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runRecipe } from '../../src/train/run-recipe.js';
import { serveRuns, type RunsServer } from '../../src/report/serve.js';
import { writeComparison } from '../../src/report/write-comparison.js';
import type { ChartsPage } from '../../src/report/page-data.js';
import { browserUnavailable, chartDrawings, launchChromium, screenshot, watchedPage, type ChartDrawing } from './chromium.js';

const RECIPE = fileURLToPath(new URL('../../../../examples/sft-arithmetic.recipe', import.meta.url));
const CHILD = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const LIVE_STEPS = 30;
const MIN_PIXELS = 20;
const offline = (url: string) => url.startsWith('file:') || url.startsWith('data:');

async function train(out: string, steps: number, seed = 7): Promise<string> {
  const result = await runRecipe({ file: RECIPE, out, steps, seed });
  assert.ok(result.ok, 'the example recipe runs');
  return out;
}

function pageData(html: string): ChartsPage {
  return JSON.parse(html.match(/id="sous-data">(.*?)<\/script>/s)![1]);
}

/** Every series drew, except one whose data equals a later series' (drawn over it). */
function assertDrawn(drawings: ChartDrawing[], data: ChartsPage): void {
  assert.ok(drawings.some((d) => d.metric === 'loss'), 'a loss chart');
  drawings.forEach((chart, c) => {
    const series = data.charts[c].series;
    chart.series.forEach((s, i) => {
      const same = (j: number) => JSON.stringify([series[j].x, series[j].y]) === JSON.stringify([series[i].x, series[i].y]);
      const covered = series.some((_, j) => j > i && same(j));
      if (!covered) assert.ok(s.pixels >= MIN_PIXELS, `${chart.metric}: ${s.label} drew ${s.pixels} pixels`);
    });
  });
}

const unavailable = browserUnavailable();
if (unavailable) {
  console.log(`browser tests not run: ${unavailable}`);
} else {
  let browser: Browser;
  let parent: string;

  test.before(async () => {
    browser = await launchChromium();
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-real-run-'));
  });
  test.after(() => browser.close());

  test('the report a short real run wrote shows its curves', async () => {
    const dir = await train(path.join(parent, 'runs', 'seed-7'), 12);
    const file = path.join(dir, 'report.html');
    const { page, problems } = await watchedPage(browser, offline);
    await page.goto(pathToFileURL(file).href);
    assertDrawn(await chartDrawings(page), pageData(fs.readFileSync(file, 'utf8')));
    await screenshot(page, 'real-run-report.png');
    assert.equal(problems, []);
    await page.close();
  });

  test('`sous compare` of two real runs overlays both', async () => {
    const other = await train(path.join(parent, 'runs', 'seed-8'), 12, 8);
    const out = path.join(parent, 'compare.html');
    await writeComparison([path.join(parent, 'runs', 'seed-7'), other], out);
    const { page, problems } = await watchedPage(browser, offline);
    await page.goto(pathToFileURL(out).href);
    const drawings = await chartDrawings(page);
    assert.equal(drawings.find((d) => d.metric === 'loss')!.series.map((s) => s.label), ['seed-7', 'seed-8']);
    assertDrawn(drawings, pageData(fs.readFileSync(out, 'utf8')));
    await screenshot(page, 'real-run-compare.png');
    assert.equal(problems, []);
    await page.close();
  });

  test('`sous serve` follows a run while it trains in another process: the loss chart gains points', async () => {
    const runs = path.join(parent, 'live');
    fs.mkdirSync(runs);
    let server: RunsServer | undefined;
    try {
      server = await serveRuns(runs, { port: 0, pollMs: 100 });
      const dir = path.join(runs, 'training');
      const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD, RECIPE, dir, String(LIVE_STEPS)], { stdio: 'ignore' });
      const training = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const metrics = path.join(dir, 'metrics.jsonl');
      while (!fs.existsSync(metrics) || fs.statSync(metrics).size === 0) await new Promise((r) => setTimeout(r, 50));

      const { page, problems } = await watchedPage(browser, (url) => url.startsWith(server!.url));
      await page.goto(`${server.url}runs/training/`);
      await page.waitForSelector('[data-metric="loss"] canvas');
      const points = () => page.locator('[data-metric="loss"]').evaluate((card) => Number((card as HTMLElement).dataset.points));
      const first = await points();
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-metric="loss"]')!.dataset.points) > n, first, { timeout: 30_000 });
      assert.is(await training, 0, 'the training process succeeded');
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-metric="loss"]')!.dataset.points) === n, LIVE_STEPS, { timeout: 10_000 });
      assert.ok(first < LIVE_STEPS, `the page opened mid-run (${first} of ${LIVE_STEPS} steps)`);
      const drawings = await chartDrawings(page);
      assert.ok(drawings.find((d) => d.metric === 'loss')!.series[0].pixels >= MIN_PIXELS);
      await screenshot(page, 'real-run-serve.png');
      assert.equal(problems, []);
      await page.close();
    } finally {
      await server?.close();
    }
  });
}

test.run();
