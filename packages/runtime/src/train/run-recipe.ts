// `sous run`: read a recipe, load the plugins it uses, check and compile it, pick the backend,
// create (or reopen, for --resume) the run folder, and train. Recipe errors come back as
// diagnostics for the caller to render; every other failure is a SousError.
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkAndCompile, explain, parse, usedPackages, type Diagnostic } from '@sous/dsl';
import { SousError } from '@sous/core';
import { loadRegistry } from '../loader.js';
import { selectBackend } from '../backends.js';
import { assertEmptyOrMissing, createRunFolder, newRunDir, readRunInfo, RUN_INFO_FILE } from './run-folder.js';
import { train, type RunReporter } from './trainer.js';
import type { ProgressListener } from './progress.js';

export interface RunRecipeOptions {
  /** The .recipe file. */
  file: string;
  /** Run folder to create (default `runs/<recipe>-<time>` under `cwd`). */
  out?: string;
  /** Overrides the recipe's `seed`. */
  seed?: number;
  /** Backend name (else $SOUS_BACKEND, else the best available). */
  backend?: string;
  /** Caps every stage's steps (smoke runs). */
  steps?: number;
  /** Run the eval blocks (default true). */
  evals?: boolean;
  /** A run folder to continue from its newest checkpoint. */
  resume?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Where `runs/` goes (default the current directory). */
  cwd?: string;
  /** The start time that names the run folder (default now). */
  now?: Date;
  /** Told at each checkpoint and on failure (`sous run` passes the HTML report's writer). */
  report?: RunReporter;
}

export type RunRecipeResult =
  /** The recipe has errors: nothing ran and no folder was created. */
  | { ok: false; diagnostics: Diagnostic[]; source: string }
  /** `diagnostics` holds the warnings, if any. */
  | { ok: true; diagnostics: Diagnostic[]; source: string; runDir: string; globalStep: number };

/** The recipe's text; a missing file or a folder is a SousError naming the file. */
export async function readRecipeFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new SousError(`cannot read the recipe: ${why}`, { file, cause: error });
  }
}

/** The seed and step cap a resumed run must keep (from its run.json); flags may repeat them but
 * not change them, and the recipe must compile to the same plan. */
async function resumedSettings(
  runDir: string,
  planHash: string,
  options: RunRecipeOptions,
): Promise<{ seed: number; steps?: number }> {
  const info = await readRunInfo(runDir);
  const file = path.join(runDir, RUN_INFO_FILE);
  if (info.planHash !== planHash) {
    throw new SousError(
      `was started from a different recipe (plan hash ${info.planHash.slice(0, 12)}, this recipe compiles to ${planHash.slice(0, 12)})`,
      {
        file,
        hint: `Resume with the recipe it started from (${info.file}); reformatting is fine, changing values is not.`,
      },
    );
  }
  if (options.seed !== undefined && options.seed !== info.seed)
    throw new SousError(`--seed ${options.seed} differs from the run's seed ${info.seed}`, {
      file,
      hint: 'Leave --seed out when resuming.',
    });
  if (options.steps !== undefined && options.steps !== info.steps)
    throw new SousError(`--steps ${options.steps} differs from the run's --steps ${info.steps ?? '(none)'}`, {
      file,
      hint: 'Leave --steps out when resuming.',
    });
  return { seed: info.seed, steps: info.steps ?? undefined };
}

export async function runRecipe(options: RunRecipeOptions): Promise<RunRecipeResult> {
  const { file } = options;
  const source = await readRecipeFile(file);
  const recipeDir = path.dirname(path.resolve(file));
  const registry = await loadRegistry(usedPackages(parse(source, file).ast), recipeDir);
  const { diagnostics, plan } = checkAndCompile(source, file, registry);
  if (!plan || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, source };

  let runDir: string;
  let seed = options.seed ?? (typeof plan.settings.seed === 'number' ? plan.settings.seed : 0);
  let steps = options.steps;
  if (options.resume) {
    runDir = options.resume;
    ({ seed, steps } = await resumedSettings(runDir, plan.hash, options));
  } else {
    runDir =
      options.out ??
      (await newRunDir(path.join(options.cwd ?? process.cwd(), 'runs'), plan.recipe, options.now ?? new Date()));
    await assertEmptyOrMissing(runDir);
  }
  const backend = await selectBackend(options.backend);
  if (!options.resume) {
    await createRunFolder(runDir, {
      resolved: explain(plan),
      plan,
      info: {
        recipe: plan.recipe,
        file,
        planHash: plan.hash,
        seed,
        steps: steps ?? null,
        backend: backend.name,
        started: (options.now ?? new Date()).toISOString(),
      },
    });
  }
  const result = await train({
    plan,
    plugins: registry.loaded,
    backend,
    seed,
    steps,
    evals: options.evals,
    runDir,
    recipeDir,
    resume: Boolean(options.resume),
    onProgress: options.onProgress,
    signal: options.signal,
    report: options.report,
  });
  return { ok: true, diagnostics, source, runDir, globalStep: result.globalStep };
}
