// End to end on real training: `examples/sft-arithmetic.recipe` run for a few steps by the
// trainer (given the report writer, as `sous run` gives it), then its report, a comparison of two seeds, and
// `sous serve` following a run while it trains, all in headless Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HANG_GUARD_MS, hangGuard } from '../../../../tools/test/hang-guard.js';
import { whenAvailable } from '../../../../tools/test/prerequisites.js';
import { runRecipe } from '@sous/runtime';
import { serveRuns, type RunsServer } from '../../src/serve.js';
import { writeComparison } from '../../src/write-comparison.js';
import { writeReport } from '../../src/write-report.js';
import type { ChartsPage } from '../../src/page-data.js';
import {
  browserUnavailable,
  chartDrawings,
  launchChromium,
  screenshot,
  watchedPage,
  type ChartDrawing,
} from './chromium.js';

const RECIPE = fileURLToPath(new URL('../../../../examples/sft-arithmetic.recipe', import.meta.url));
const CHILD = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const LIVE_STEPS = 30;
/** The step after which the training child waits for the page to open. */
const PAUSE_AT = 5;
const MIN_PIXELS = 20;
const offline = (url: string) => url.startsWith('file:') || url.startsWith('data:');

async function train(out: string, steps: number, seed = 7): Promise<string> {
  const result = await runRecipe({ file: RECIPE, out, steps, seed, report: writeReport });
  assert.ok(result.ok, 'the example recipe runs');
  return out;
}

/** train-child.ts in its own process. `paused` resolves when it waits after step PAUSE_AT for
 * `resume()`; `exited` when it exits with 0. Both, and `failed`, reject with the child's stderr when
 * it fails first, so that a crash fails the test at once instead of leaving it waiting. */
function startTraining(dir: string) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', CHILD, RECIPE, dir, String(LIVE_STEPS), String(PAUSE_AT)],
    { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const resumePipe = child.stdio[3] as Writable;
  resumePipe.on('error', () => {}); // the child closing its end once resumed is no failure
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the training process exited with ${code ?? signal}:\n${stderr}`));
    }),
  );
  const paused = new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      if (text.includes('paused')) resolve();
    });
    exited.then(
      () => reject(new Error(`the training process finished without pausing after step ${PAUSE_AT}:\n${stderr}`)),
      reject,
    );
  });
  const failed = exited.then(() => new Promise<never>(() => {}));
  for (const promise of [exited, paused, failed]) promise.catch(() => {}); // awaited later, or not at all
  return {
    paused,
    exited,
    failed,
    resume: () => resumePipe.end('g'),
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

function pageData(html: string): ChartsPage {
  return JSON.parse(html.match(/id="sous-data">(.*?)<\/script>/s)![1]);
}

/** Every series drew, except one whose data equals a later series' (drawn over it). */
function assertDrawn(drawings: ChartDrawing[], data: ChartsPage): void {
  assert.ok(
    drawings.some((d) => d.metric === 'loss'),
    'a loss chart',
  );
  drawings.forEach((chart, c) => {
    const series = data.charts[c].series;
    chart.series.forEach((s, i) => {
      const same = (j: number) =>
        JSON.stringify([series[j].x, series[j].y]) === JSON.stringify([series[i].x, series[i].y]);
      const covered = series.some((_, j) => j > i && same(j));
      if (!covered) assert.ok(s.pixels >= MIN_PIXELS, `${chart.metric}: ${s.label} drew ${s.pixels} pixels`);
    });
  });
}

whenAvailable(test, browserUnavailable(), (test) => {
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
    assert.equal(
      drawings.find((d) => d.metric === 'loss')!.series.map((s) => s.label),
      ['seed-7', 'seed-8'],
    );
    assertDrawn(drawings, pageData(fs.readFileSync(out, 'utf8')));
    await screenshot(page, 'real-run-compare.png');
    assert.equal(problems, []);
    await page.close();
  });

  test('`sous serve` follows a run while it trains in another process: the loss chart gains points', async () => {
    const runs = path.join(parent, 'live');
    fs.mkdirSync(runs);
    let server: RunsServer | undefined;
    const training = startTraining(path.join(runs, 'training'));
    try {
      server = await serveRuns(runs, { port: 0, pollMs: 100 });
      await hangGuard(training.paused, `the training process pausing after step ${PAUSE_AT}`);

      const { page, problems } = await watchedPage(browser, (url) => url.startsWith(server!.url));
      await page.goto(`${server.url}runs/training/`);
      await page.waitForSelector('[data-metric="loss"] canvas');
      const points = () =>
        page.locator('[data-metric="loss"]').evaluate((card) => Number((card as HTMLElement).dataset.points));
      assert.is(await points(), PAUSE_AT, 'the page opened mid-run, at the pause');
      training.resume();
      const gained = page.waitForFunction(
        (n) => Number(document.querySelector<HTMLElement>('[data-metric="loss"]')!.dataset.points) > n,
        PAUSE_AT,
        { timeout: HANG_GUARD_MS },
      );
      await Promise.race([gained, training.failed]);
      await hangGuard(training.exited, 'the training process finishing');
      await page.waitForFunction(
        (n) => Number(document.querySelector<HTMLElement>('[data-metric="loss"]')!.dataset.points) === n,
        LIVE_STEPS,
        { timeout: HANG_GUARD_MS },
      );
      const drawings = await chartDrawings(page);
      assert.ok(drawings.find((d) => d.metric === 'loss')!.series[0].pixels >= MIN_PIXELS);
      await screenshot(page, 'real-run-serve.png');
      assert.equal(problems, []);
      await page.close();
    } finally {
      training.stop();
      await server?.close();
    }
  });
});

test.run();
