// The report pages in headless Chromium: no console errors, no request leaving the page, every
// chart drawn with every series in its colour; a screenshot of each under test-artifacts/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { whenAvailable } from '../../../../tools/test/prerequisites.js';
import { serveRuns, type RunsServer } from '../../src/serve.js';
import { writeComparison } from '../../src/write-comparison.js';
import { writeReport } from '../../src/write-report.js';
import { grpoMetricsLines, makeGrpoRun } from '../report-fixtures.js';
import {
  browserUnavailable,
  chartDrawings,
  launchChromium,
  screenshot,
  watchedPage,
  type ChartDrawing,
} from './chromium.js';

const MIN_PIXELS = 20;

function assertAllDrawn(drawings: ChartDrawing[], metrics: string[]): void {
  assert.equal(
    drawings.map((d) => d.metric),
    metrics,
  );
  for (const chart of drawings) {
    assert.ok(chart.points > 0, `${chart.metric} has points`);
    for (const s of chart.series)
      assert.ok(s.pixels >= MIN_PIXELS, `${chart.metric}: series ${s.label} (${s.color}) drew ${s.pixels} pixels`);
  }
}

const offline = (url: string) => url.startsWith('file:') || url.startsWith('data:');
const METRICS = ['loss', 'lr', 'grad_norm', 'accuracy', 'reward', 'kl', 'pass@8'];

whenAvailable(test, browserUnavailable(), (test) => {
  let browser: Browser;
  let parent: string;

  test.before(async () => {
    browser = await launchChromium();
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-browser-'));
  });
  test.after(() => browser.close());

  test('report.html draws every chart, the graph and the samples, offline', async () => {
    const dir = makeGrpoRun('grpo', parent, { sft: 30, grpo: 20, samples: true });
    const { file } = await writeReport(dir);
    const { page, problems } = await watchedPage(browser, offline);
    await page.goto(pathToFileURL(file).href);
    assertAllDrawn(await chartDrawings(page), METRICS);
    assert.is(await page.locator('.plan-graph').count(), 3);
    assert.ok(
      await page.locator('#samples img').evaluate((img: any) => img.naturalWidth > 0),
      'the sample SVG decoded',
    );
    assert.is(await page.locator('.stage-row').count(), 2);
    await screenshot(page, 'report.png');
    assert.equal(problems, []);
    await page.close();
  });

  test('a comparison overlays the runs in every chart', async () => {
    const dirs = [
      makeGrpoRun('grpo-a', parent, { sft: 20, grpo: 20 }),
      makeGrpoRun('dr-grpo', parent, { sft: 20, grpo: 25, variant: 1 }),
      makeGrpoRun('nsr', parent, { sft: 20, grpo: 15, variant: 2 }),
    ];
    const out = path.join(parent, 'compare.html');
    await writeComparison(dirs, out);
    const { page, problems } = await watchedPage(browser, offline);
    await page.goto(pathToFileURL(out).href);
    const drawings = await chartDrawings(page);
    assertAllDrawn(drawings, METRICS);
    assert.equal(
      drawings[0].series.map((s) => s.label),
      ['grpo-a', 'dr-grpo', 'nsr'],
    );
    await screenshot(page, 'compare.png');
    assert.equal(problems, []);
    await page.close();
  });

  test("sous serve: a running run's charts gain points live; the index lists it and compares runs", async () => {
    const runs = path.join(parent, 'runs');
    makeGrpoRun('finished', runs, { sft: 10, grpo: 10, variant: 1 });
    const live = makeGrpoRun('live', runs, { sft: 10, grpo: 0 });
    let server: RunsServer | undefined;
    try {
      server = await serveRuns(runs, { port: 0, pollMs: 100 });
      const sameServer = (url: string) => url.startsWith(server!.url);
      const { page, problems } = await watchedPage(browser, sameServer);
      await page.goto(`${server.url}runs/live/`);
      const before = await chartDrawings(page);
      assertAllDrawn(before, ['loss', 'lr', 'grad_norm', 'accuracy']);
      await page.waitForFunction(() => document.getElementById('live-status')!.textContent === 'live');

      // The trainer moves on to the grpo stage: the loss chart gains points and new charts appear.
      const lines = grpoMetricsLines(10, 8).slice(grpoMetricsLines(10, 0).length);
      fs.appendFileSync(path.join(live, 'metrics.jsonl'), `${lines.join('\n')}\n`);
      const lossPoints = before.find((d) => d.metric === 'loss')!.points;
      await page.waitForFunction(
        (n) => Number(document.querySelector<HTMLElement>('[data-metric="loss"]')!.dataset.points) > n,
        lossPoints,
      );
      const after = await chartDrawings(page);
      assertAllDrawn(after, METRICS);
      assert.is(after.find((d) => d.metric === 'loss')!.points, lossPoints + 8);
      await screenshot(page, 'serve-run.png');

      await page.goto(server.url);
      await page.waitForSelector('tr[data-run="live"]');
      assert.is(await page.locator('tr[data-run="live"] .state').textContent(), 'running');
      await page.locator('tr[data-run="live"] input').check();
      await page.locator('tr[data-run="finished"] input').check();
      await screenshot(page, 'serve-index.png');
      await page.locator('.compare-button').click();
      await page.waitForURL(/\/compare\?run=/);
      assert.equal((await chartDrawings(page))[0].series.map((s) => s.label).sort(), ['finished', 'live']);
      assert.equal(problems, []);
      await page.close();
    } finally {
      await server?.close();
    }
  });
});

test.run();
