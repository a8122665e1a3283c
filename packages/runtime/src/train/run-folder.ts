// Run folders: `runs/<recipe>-<YYYYMMDD-HHMMSS>/` (or `--out DIR`) holding recipe.resolved,
// plan.json, run.json (how the run was started: what --resume must reproduce), metrics.jsonl,
// checkpoints/ and report.html. A folder is created only once the recipe has compiled and the
// backend started, so a failed start leaves nothing behind.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Plan } from '@sous/dsl';
import { SousError, writeFileAtomic, writeJsonAtomic, parseJsonAs } from '@sous/core';
import { BACKEND_NAMES } from '../backends.js';

export const RUN_INFO_FILE = 'run.json';
export const PLAN_FILE = 'plan.json';

/** run.json: the options a resumed run must reuse to continue exactly. */
const runInfoSchema = z.object({
  recipe: z.string(),
  /** The recipe file, as given. */
  file: z.string(),
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
  seed: z.number().int().min(0),
  /** The `--steps` cap, or null. */
  steps: z.number().int().min(1).nullable(),
  backend: z.enum(BACKEND_NAMES),
  /** ISO time the run started (not used for anything but reading). */
  started: z.string(),
});
export type RunInfo = z.infer<typeof runInfoSchema>;

// plan.json: the compiled plan (@sous/dsl's Plan), which the report draws.
const value: z.ZodType<z.core.util.JSONType> = z.json();
const sourceRef = z.object({ file: z.string(), line: z.number().int(), col: z.number().int() });
const params = z.record(z.string(), value);
const edge = z.object({ node: z.string(), member: z.string().optional(), type: z.string() });
const planSchema = z.object({
  version: z.number().int(),
  recipe: z.string(),
  file: z.string(),
  uses: z.array(z.object({ package: z.string(), namespace: z.string(), version: z.string().optional() })),
  settings: params,
  nodes: z.array(
    z.object({
      id: z.string(),
      op: z.string(),
      kind: z.string(),
      stage: z.string().nullable(),
      binding: z.string().optional(),
      params,
      inputs: z.record(z.string(), z.union([edge, z.array(edge)])),
      output: z.string(),
      source: sourceRef,
    }),
  ),
  stages: z.array(
    z.object({
      name: z.string(),
      steps: z.number().int().min(0),
      optimizers: z.array(
        z.object({
          name: z.string(),
          params,
          loss: z.string().nullable(),
          model: z.string().nullable(),
          source: sourceRef,
        }),
      ),
      schedule: z.object({ name: z.string(), params }),
      loss: z.string().nullable(),
      settings: params,
      nodes: z.array(z.string()),
      evals: z.array(z.object({ every: z.number().int().min(1), nodes: z.array(z.string()) })),
    }),
  ),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
}) satisfies z.ZodType<Plan>;

/** The plan in a plan.json's text; a SousError naming `file` and the first bad field. */
export function parsePlanFile(text: string, file: string): Plan {
  return parseJsonAs(planSchema, text, { file }, 'the plan');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `20250107-093015` in local time. */
export function timestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
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
    if (error.code === 'ENOTDIR')
      throw new SousError('exists and is not a folder', { file: dir, hint: 'Choose another --out.' });
    throw new SousError(`cannot read the folder: ${error.message}`, { file: dir, cause: error });
  });
  if (entries.length > 0) {
    throw new SousError('already exists and is not empty', {
      file: dir,
      hint: `Choose another --out, or continue that run with --resume ${dir}.`,
    });
  }
}

/** Creates the run folder and writes what describes the run. */
export async function createRunFolder(
  dir: string,
  files: { resolved: string; plan: Plan; info: RunInfo },
): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new SousError(`cannot create the run folder: ${(error as Error).message}`, { file: dir, cause: error });
  }
  await writeFileAtomic(path.join(dir, 'recipe.resolved'), files.resolved);
  await writeJsonAtomic(path.join(dir, PLAN_FILE), files.plan);
  await writeJsonAtomic(path.join(dir, RUN_INFO_FILE), files.info);
}

/** Reads run.json of a run to resume. */
export async function readRunInfo(dir: string): Promise<RunInfo> {
  const file = path.join(dir, RUN_INFO_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new SousError(`is not a run folder (it has no ${RUN_INFO_FILE})`, {
      file: dir,
      hint: 'Pass the folder `sous run` created, for example runs/<recipe>-<time>.',
    });
  }
  return parseJsonAs(
    runInfoSchema,
    text,
    { file, hint: 'The run folder is damaged; start a new run.' },
    'the run description',
  );
}
