// The training loop over a run folder: start the executor, optionally restore the newest
// checkpoint, then run every stage's steps, appending records to metrics.jsonl and writing
// checkpoints (every `checkpoint_every` steps and at the end of each stage); the caller's reporter
// (`sous run` passes the HTML report's writer) is told at each checkpoint and when the run fails.
import path from 'node:path';
import type { Plan } from '@sous/dsl';
import { type Logger, type Plugin, type Tf, SousError } from '@sous/core';
import { Executor } from '../exec/executor.js';
import { stageSettings } from './settings.js';
import { StageRunner } from './stage-runner.js';
import {
  checkpointDir,
  listCheckpoints,
  loadModelWeights,
  readCheckpointState,
  readTensors,
  writeCheckpoint,
  type CheckpointState,
} from './checkpoint.js';
import { MetricsWriter } from './metrics-writer.js';
import type { ProgressListener } from './progress.js';

export const METRICS_FILE = 'metrics.jsonl';

export interface TrainOptions {
  plan: Plan;
  plugins: Plugin[];
  backend: { name: string; tf: Tf };
  seed: number;
  /** Caps every stage's steps (`--steps`). */
  steps?: number;
  /** Run the stages' eval blocks (default true; `--no-eval` skips them in a smoke run). */
  evals?: boolean;
  runDir: string;
  recipeDir: string;
  /** Continue from the newest checkpoint in runDir. */
  resume?: boolean;
  onProgress?: ProgressListener;
  /** Aborting stops the run between two steps (Ctrl-C); the last checkpoint stays resumable. */
  signal?: AbortSignal;
  /** Called at each checkpoint and when the run fails, e.g. to write report.html (none by default). */
  report?: RunReporter;
}

/** Writes a report of the run folder as it is now; a failure is logged as a warning, not fatal. */
export type RunReporter = (runDir: string) => Promise<unknown>;

export interface TrainResult {
  runDir: string;
  globalStep: number;
  /** Folder of the last checkpoint written or resumed from. */
  lastCheckpoint?: string;
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const { plan, runDir, seed } = options;
  const emit: ProgressListener = options.onProgress ?? (() => {});
  const logger: Logger = {
    info: (message) => emit({ type: 'log', level: 'info', message }),
    warn: (message) => emit({ type: 'log', level: 'warn', message }),
  };
  const stageSteps = plan.stages.map((stage) => Math.min(stage.steps, options.steps ?? Infinity));
  const executor = await Executor.start({
    plan,
    plugins: options.plugins,
    tf: options.backend.tf,
    backend: options.backend.name,
    seed,
    recipeDir: options.recipeDir,
    runDir,
    logger,
  });

  let resumed: { state: CheckpointState; dir: string } | undefined;
  if (options.resume) {
    resumed = await openLatestCheckpoint(runDir, plan, seed);
    // Make the models the checkpointed run had made by then, then overwrite their weights.
    for (let index = 0; index <= resumed.state.stageIndex; index++) await executor.enterStage(plan.stages[index]);
    await loadModelWeights(resumed.dir, executor.allModels());
  }
  let lastCheckpoint = resumed?.dir;
  let globalStep = resumed?.state.globalStep ?? 0;
  const metrics = MetricsWriter.open(path.join(runDir, METRICS_FILE), resumed?.state.metricsBytes);
  emit({
    type: 'start',
    runDir,
    backend: options.backend.name,
    resumedAt: resumed?.state.globalStep,
    stages: plan.stages.map((stage, i) => ({ name: stage.name, steps: stageSteps[i] })),
    totalSteps: stageSteps.reduce((a, b) => a + b, 0),
  });

  try {
    for (let index = resumed?.state.stageIndex ?? 0; index < plan.stages.length; index++) {
      const stage = options.evals === false ? { ...plan.stages[index], evals: [] } : plan.stages[index];
      const runner = await StageRunner.open(executor, stage, stageSteps[index]);
      try {
        let first = 0;
        if (resumed && index === resumed.state.stageIndex) {
          first = resumed.state.step;
          if (first < runner.steps) await restoreOptimizers(runner, resumed);
        }
        const { logEvery, checkpointEvery } = stageSettings(plan, stage);
        for (let step = first; step < runner.steps; step++) {
          if (options.signal?.aborted) throw interrupted(stage.name, step, runDir, lastCheckpoint);
          const result = await runner.step(step).catch((error: unknown) => {
            throw withCheckpointHint(error, runDir, lastCheckpoint);
          });
          const last = step === runner.steps - 1;
          if (step % logEvery === 0 || last) metrics.append(result.train);
          if (result.eval) {
            metrics.append(result.eval);
            emit({ type: 'eval', record: result.eval });
          }
          globalStep += 1;
          emit({
            type: 'step',
            stage: stage.name,
            step,
            stageSteps: runner.steps,
            globalStep,
            totalSteps: stageSteps.reduce((a, b) => a + b, 0),
            record: result.train,
          });
          if (last || (checkpointEvery > 0 && (step + 1) % checkpointEvery === 0)) {
            metrics.sync();
            lastCheckpoint = await writeCheckpoint(
              runDir,
              {
                planHash: plan.hash,
                seed,
                stage: stage.name,
                stageIndex: index,
                step: step + 1,
                globalStep,
                skippedSteps: runner.skippedSteps,
                metricsBytes: metrics.bytes,
              },
              executor.allModels(),
              runner.optimizerStates(),
            );
            emit({ type: 'checkpoint', dir: lastCheckpoint, globalStep });
            if (options.report) await refreshReport(options.report, runDir, logger);
          }
        }
      } finally {
        runner.dispose();
      }
    }
  } catch (error) {
    // Leave a report of the steps that did run, so the failure can be looked at.
    if (options.report) await refreshReport(options.report, runDir, logger);
    throw error;
  } finally {
    metrics.close();
  }
  emit({ type: 'done', runDir, globalStep });
  return { runDir, globalStep, lastCheckpoint };
}

async function openLatestCheckpoint(
  runDir: string,
  plan: Plan,
  seed: number,
): Promise<{ state: CheckpointState; dir: string }> {
  const [latest] = await listCheckpoints(runDir);
  if (latest === undefined) {
    throw new SousError('has no checkpoint to resume from', {
      file: path.join(runDir, 'checkpoints'),
      hint: 'The run stopped before its first checkpoint: start it again without --resume.',
    });
  }
  const dir = checkpointDir(runDir, latest);
  const state = await readCheckpointState(dir);
  const file = path.join(dir, 'state.json');
  if (state.planHash !== plan.hash) {
    throw new SousError('was written by a different recipe (its plan hash differs)', {
      file,
      hint: 'Resume with the recipe the run started with, or start a new run.',
    });
  }
  if (state.seed !== seed)
    throw new SousError(`was written with seed ${state.seed}, not ${seed}`, {
      file,
      hint: 'Resume with the seed the run started with.',
    });
  if (plan.stages[state.stageIndex]?.name !== state.stage)
    throw new SousError(
      `names stage "${state.stage}", which the recipe does not have at position ${state.stageIndex + 1}`,
      { file },
    );
  return { state, dir };
}

async function restoreOptimizers(runner: StageRunner, resumed: { state: CheckpointState; dir: string }): Promise<void> {
  const files = resumed.state.optimizers.map((name) => path.join(resumed.dir, name));
  if (files.length !== runner.optimizerCount) {
    throw new SousError(
      `holds ${files.length} optimizer states, but stage "${runner.stage.name}" has ${runner.optimizerCount} optimizers`,
      { file: path.join(resumed.dir, 'state.json'), hint: 'The checkpoint does not match this recipe.' },
    );
  }
  const states = [];
  try {
    for (const file of files) states.push(await readTensors(file));
    runner.loadOptimizerStates(states, files);
  } finally {
    for (const state of states) for (const tensor of state.values()) tensor.dispose();
  }
  runner.skippedSteps = resumed.state.skippedSteps;
}

function resumeHint(runDir: string, lastCheckpoint: string | undefined): string {
  return lastCheckpoint
    ? `The last good checkpoint is ${path.relative(runDir, lastCheckpoint)}; continue from it with --resume ${runDir}.`
    : 'No checkpoint was written yet.';
}

function withCheckpointHint(error: unknown, runDir: string, lastCheckpoint: string | undefined): unknown {
  if (!(error instanceof SousError)) return error;
  const hint = [error.hint, resumeHint(runDir, lastCheckpoint)].filter(Boolean).join(' ');
  return new SousError(error.message, {
    file: error.file,
    line: error.line,
    column: error.column,
    cause: error.cause,
    hint,
  });
}

function interrupted(stage: string, step: number, runDir: string, lastCheckpoint: string | undefined): SousError {
  return new SousError(`interrupted before stage "${stage}", step ${step}`, {
    hint: resumeHint(runDir, lastCheckpoint),
  });
}

async function refreshReport(report: RunReporter, runDir: string, logger: Logger): Promise<void> {
  try {
    await report(runDir);
  } catch (error) {
    logger.warn(`report.html was not updated: ${error instanceof Error ? error.message : String(error)}`);
  }
}
