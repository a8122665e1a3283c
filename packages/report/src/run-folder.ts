// Reads what a report shows from a run folder (`runs/<name>/`): plan.json, recipe.resolved,
// metrics.jsonl, and any sample SVGs and audio (.wav, .ogg, .flac, .mp3) under samples/. Only a missing folder is an error; a missing
// or damaged file leaves its part of the report out with a warning, so a report can be written
// at any moment of a run.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plan } from '@sous/dsl';
import { formatSousError, SousError } from '@sous/core';
import { PLAN_FILE, parsePlanFile } from '@sous/runtime';
import { completeLines, parseMetrics, type MetricRecord } from './metrics.js';

export const RUN_FILES = {
  plan: PLAN_FILE,
  recipe: 'recipe.resolved',
  metrics: 'metrics.jsonl',
  samples: 'samples',
  report: 'report.html',
} as const;

export interface SampleImage {
  /** Path below samples/, with forward slashes. */
  name: string;
  svg: string;
}

/** A sound file under samples/ (a rendered generated piece), embedded so the report plays it. */
export interface SampleAudio {
  /** Path below samples/, with forward slashes. */
  name: string;
  /** Its media type, e.g. audio/wav. */
  type: string;
  data: Buffer;
}

/** Sound files the report embeds, by extension; one larger than MAX_AUDIO_BYTES is left out with a warning. */
export const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
  '.mp3': 'audio/mpeg',
};
export const MAX_AUDIO_BYTES = 8 * 1024 * 1024;

export interface RunFolder {
  dir: string;
  name: string;
  plan?: Plan;
  recipe?: string;
  records: MetricRecord[];
  samples: SampleImage[];
  audio: SampleAudio[];
  warnings: string[];
}

export interface LoadRunOptions {
  /** Ignore a last line without its newline (the trainer may be writing it); for live views. */
  growing?: boolean;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SousError(`cannot read the file: ${(error as Error).message}`, { file, cause: error });
  }
}

/** True when `dir` holds any file a run writes. */
export async function looksLikeRun(dir: string): Promise<boolean> {
  for (const name of [RUN_FILES.plan, RUN_FILES.metrics, RUN_FILES.recipe]) {
    try {
      await fs.access(path.join(dir, name));
      return true;
    } catch {
      // try the next one
    }
  }
  return false;
}

async function assertRunFolder(dir: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new SousError('run folder not found', {
      file: dir,
      hint: 'Pass the folder `sous run` wrote, for example runs/<name>.',
    });
  }
  if (!stat.isDirectory()) throw new SousError('is not a folder; expected a run folder', { file: dir });
  if (!(await looksLikeRun(dir))) {
    throw new SousError(
      `is not a run folder: it has no ${RUN_FILES.metrics}, ${RUN_FILES.plan} or ${RUN_FILES.recipe}`,
      {
        file: dir,
        hint: 'Pass the folder `sous run` wrote, for example runs/<name>.',
      },
    );
  }
}

function parsePlan(text: string, file: string, warnings: string[]): Plan | undefined {
  try {
    return parsePlanFile(text, file);
  } catch (error) {
    if (!(error instanceof SousError)) throw error;
    warnings.push(`${formatSousError(error)}; the graph is left out.`);
    return undefined;
  }
}

async function readSamples(dir: string, warnings: string[]): Promise<{ samples: SampleImage[]; audio: SampleAudio[] }> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { recursive: true })).sort();
  } catch {
    return { samples: [], audio: [] };
  }
  const slashed = (name: string) => name.split(path.sep).join('/');
  const samples = await Promise.all(
    names
      .filter((n) => n.toLowerCase().endsWith('.svg'))
      .map(async (name) => ({ name: slashed(name), svg: await fs.readFile(path.join(dir, name), 'utf8') })),
  );
  const audio: SampleAudio[] = [];
  for (const name of names) {
    const type = AUDIO_TYPES[path.extname(name).toLowerCase()];
    if (type === undefined) continue;
    const { size } = await fs.stat(path.join(dir, name));
    if (size > MAX_AUDIO_BYTES) {
      warnings.push(`samples/${slashed(name)} is ${size} bytes, over ${MAX_AUDIO_BYTES}: its player is left out.`);
      continue;
    }
    audio.push({ name: slashed(name), type, data: await fs.readFile(path.join(dir, name)) });
  }
  return { samples, audio };
}

/** Loads a run folder; throws a SousError when `dir` is missing or is not a run folder. */
export async function loadRun(dir: string, options: LoadRunOptions = {}): Promise<RunFolder> {
  await assertRunFolder(dir);
  const warnings: string[] = [];
  const file = (name: string) => path.join(dir, name);

  const planText = await readOptional(file(RUN_FILES.plan));
  const plan = planText === undefined ? undefined : parsePlan(planText, file(RUN_FILES.plan), warnings);
  const recipe = await readOptional(file(RUN_FILES.recipe));

  const metricsText = (await readOptional(file(RUN_FILES.metrics))) ?? '';
  const metrics = parseMetrics(options.growing ? completeLines(metricsText) : metricsText, file(RUN_FILES.metrics));

  const { samples, audio } = await readSamples(file(RUN_FILES.samples), warnings);
  return {
    dir,
    name: path.basename(path.resolve(dir)),
    plan,
    recipe,
    records: metrics.records,
    samples,
    audio,
    warnings: warnings.concat(metrics.warnings),
  };
}
