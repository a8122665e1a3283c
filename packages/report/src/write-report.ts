// `report.html` in a run folder: written by the trainer at each checkpoint and at the end of a
// run, and by `sous report DIR`. Written atomically so a browser or `sous serve` never reads
// half a page.
import path from 'node:path';
import { writeFileAtomic } from '@sous/core';
import { chartsPage } from './charts-page.js';
import { pageHtml, runSections, runSubtitle } from './page.js';
import { loadRun, RUN_FILES, type LoadRunOptions, type RunFolder } from './run-folder.js';

export interface WrittenPage {
  file: string;
  /** Lines skipped and parts left out, each naming its file (and line). */
  warnings: string[];
}

/** The report page of one loaded run; `live` is the event-stream URL of a served page. */
export async function runReportHtml(run: RunFolder, live?: string): Promise<string> {
  return pageHtml({
    title: run.name,
    subtitle: runSubtitle(run),
    data: { ...chartsPage([run]), live },
    sections: await runSections(run),
  });
}

/** Writes `<runDir>/report.html`; throws a SousError when runDir is not a run folder. */
export async function writeReport(runDir: string, options: LoadRunOptions = {}): Promise<WrittenPage> {
  const run = await loadRun(runDir, options);
  const file = path.join(runDir, RUN_FILES.report);
  await writeFileAtomic(file, await runReportHtml(run));
  return { file, warnings: run.warnings };
}
