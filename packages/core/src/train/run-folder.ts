// Run folders: `runs/<recipe>-<YYYYMMDD-HHMMSS>/` (or `--out DIR`) holding recipe.resolved,
// plan.json, run.json (how the run was started: what --resume must reproduce), metrics.jsonl,
// checkpoints/ and report.html. A folder is created only once the recipe has compiled and the
// backend started, so a failed start leaves nothing behind.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plan } from '@sous/dsl';
import { SousError } from '../errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../atomic.js';

export const RUN_INFO_FILE = 'run.json';

/** run.json: the options a resumed run must reuse to continue exactly. */
export interface RunInfo {
  recipe: string;
  /** The recipe file, as given. */
  file: string;
  planHash: string;
  seed: number;
  /** The `--steps` cap, or null. */
  steps: number | null;
  backend: string;
  /** ISO time the run started (not used for anything but reading). */
  started: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `20250107-093015` in local time. */
export function timestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/** A fresh `<runsDir>/<recipe>-<timestamp>` (with `-2`, `-3`... if that is taken). */
export async function newRunDir(runsDir: string, recipe: string, now: Date): Promise<string> {
  const base = path.join(runsDir, `${recipe.replace(/[^\w.-]+/g, '-')}-${timestamp(now)}`);
  let dir = base;
  for (let n = 2; await exists(dir); n++) dir = `${base}-${n}`;
  return dir;
}

/** Refuses an existing non-empty folder (`--out`): a run never writes over another. */
export async function assertEmptyOrMissing(dir: string): Promise<void> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new SousError('exists and is not a folder', { file: dir, hint: 'Choose another --out.' });
    throw new SousError(`cannot read the folder: ${error.message}`, { file: dir, cause: error });
  });
  if (entries.length > 0) {
    throw new SousError('already exists and is not empty', { file: dir, hint: `Choose another --out, or continue that run with --resume ${dir}.` });
  }
}

/** Creates the run folder and writes what describes the run. */
export async function createRunFolder(dir: string, files: { resolved: string; plan: Plan; info: RunInfo }): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new SousError(`cannot create the run folder: ${(error as Error).message}`, { file: dir, cause: error });
  }
  await writeFileAtomic(path.join(dir, 'recipe.resolved'), files.resolved);
  await writeJsonAtomic(path.join(dir, 'plan.json'), files.plan);
  await writeJsonAtomic(path.join(dir, RUN_INFO_FILE), files.info);
}

/** Reads run.json of a run to resume. */
export async function readRunInfo(dir: string): Promise<RunInfo> {
  const file = path.join(dir, RUN_INFO_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new SousError(`is not a run folder (it has no ${RUN_INFO_FILE})`, { file: dir, hint: 'Pass the folder `sous run` created, for example runs/<recipe>-<time>.' });
  }
  try {
    const info = JSON.parse(text) as RunInfo;
    if (typeof info.planHash === 'string' && Number.isInteger(info.seed)) return info;
  } catch {
    // reported below
  }
  throw new SousError('is damaged (not the JSON `sous run` writes)', { file });
}
