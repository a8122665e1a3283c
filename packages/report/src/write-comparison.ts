// One page overlaying the same metrics of several runs (`sous compare A B C`), e.g. GRPO
// against Dr. GRPO against NSR: one chart per metric, one colour per run.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, SousError } from '@sous/core';
import { chartsPage } from './charts-page.js';
import { escapeHtml } from './html.js';
import { pageHtml } from './page.js';
import { loadRun, RUN_FILES, type RunFolder } from './run-folder.js';
import type { WrittenPage } from './write-report.js';

/** The comparison page of loaded runs; `links` gives each run's report URL, if any. */
export function comparisonHtml(runs: RunFolder[], links?: (run: RunFolder) => string | undefined): Promise<string> {
  const names = runs.map((r) => r.name);
  return pageHtml({
    title: `Comparing ${names.length} runs`,
    subtitle: names.map((n) => `<code>${escapeHtml(n)}</code>`).join(' · '),
    data: chartsPage(runs, { compare: true, links }),
  });
}

/** Writes the comparison of `runDirs` to `out`, linking each run's report.html where it exists. */
export async function writeComparison(runDirs: string[], out: string): Promise<WrittenPage> {
  if (runDirs.length < 2)
    throw new SousError(`compare needs at least two run folders, got ${runDirs.length}`, {
      hint: 'For example: sous compare runs/grpo runs/dr-grpo.',
    });
  const runs = await Promise.all(runDirs.map((dir) => loadRun(dir)));
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.name))
      throw new SousError(`two run folders are named "${run.name}"; a comparison labels runs by folder name`, {
        file: run.dir,
      });
    seen.add(run.name);
  }
  const outDir = path.dirname(path.resolve(out));
  const link = (run: RunFolder) => {
    const report = path.resolve(run.dir, RUN_FILES.report);
    return fs.existsSync(report) ? path.relative(outDir, report).split(path.sep).join('/') : undefined;
  };
  await writeFileAtomic(out, await comparisonHtml(runs, link));
  return { file: out, warnings: runs.flatMap((r) => r.warnings) };
}
