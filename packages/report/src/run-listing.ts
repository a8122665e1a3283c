// The runs under a folder (`runs/`), for `sous serve`'s index: each run's recipe, how far it got
// and when its metrics last changed. A run is re-read only when its metrics.jsonl changed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SousError } from '@sous/core';
import { chartsPage } from './charts-page.js';
import type { RunListing } from './page-data.js';
import { loadRun, looksLikeRun, RUN_FILES } from './run-folder.js';

export interface RunDir {
  name: string;
  dir: string;
}

/** The run folders in `dir`, newest first; `dir` itself when it is one run folder. */
export async function findRuns(dir: string): Promise<RunDir[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new SousError('runs folder not found', {
      file: dir,
      hint: '`sous run` writes runs to runs/ unless given --out.',
    });
  }
  if (!stat.isDirectory()) throw new SousError('is not a folder; expected a folder of runs', { file: dir });
  if (await looksLikeRun(dir)) return [{ name: path.basename(path.resolve(dir)), dir }];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const runs: { name: string; dir: string; modified: number }[] = [];
  for (const entry of entries) {
    const runDir = path.join(dir, entry.name);
    if (!entry.isDirectory() || !(await looksLikeRun(runDir))) continue;
    runs.push({ name: entry.name, dir: runDir, modified: (await fs.stat(runDir)).mtimeMs });
  }
  runs.sort((a, b) => b.modified - a.modified || a.name.localeCompare(b.name));
  return runs.map(({ name, dir: runDir }) => ({ name, dir: runDir }));
}

/** size:mtime of a file, or '' when it is missing: changes whenever the trainer appends. */
export async function fileSignature(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return '';
  }
}

async function modifiedAt(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function listing(run: RunDir, href: string): Promise<RunListing> {
  const folder = await loadRun(run.dir, { growing: true });
  const last = chartsPage([folder]).runs[0].stages.at(-1);
  return {
    name: run.name,
    recipe: folder.plan?.recipe,
    href,
    progress: last
      ? `${last.stage} ${last.steps}${last.planned === undefined ? '' : `/${last.planned}`}`
      : 'not started',
    lastLoss: last?.train.loss,
  };
}

/** Lists runs, re-reading only those whose metrics changed since the last call. */
export class RunLister {
  private cache = new Map<string, { signature: string; listing: RunListing }>();

  constructor(
    private readonly dir: string,
    private readonly href: (run: RunDir) => string,
  ) {}

  async list(now = Date.now()): Promise<RunListing[]> {
    const result: RunListing[] = [];
    for (const run of await findRuns(this.dir)) {
      const metrics = path.join(run.dir, RUN_FILES.metrics);
      const signature = await fileSignature(metrics);
      let cached = this.cache.get(run.dir);
      if (!cached || cached.signature !== signature) {
        cached = { signature, listing: await listing(run, this.href(run)) };
        this.cache.set(run.dir, cached);
      }
      const modified = await modifiedAt(metrics);
      result.push({
        ...cached.listing,
        idleSeconds: modified === undefined ? undefined : Math.max(0, Math.round((now - modified) / 1000)),
      });
    }
    return result;
  }
}
