// Checkpoints: `checkpoints/step-<global step>/` holding one safetensors file per trainable model
// (`<binding>.safetensors`, the model's own weight names), one per optimizer of the current stage
// (`optimizer-<i>.safetensors`: `m.<name>`, `v.<name>`, `step`, ...) and `state.json` (where the
// run is and what resuming needs). A checkpoint is written into a temp folder, each file fsynced,
// then renamed into place: a crash mid-write leaves the previous checkpoints intact. The newest
// two are kept.
import fs from 'node:fs/promises';
import path from 'node:path';
import { tf, SousError, parseJsonAs, safetensorsToTensors, tensorsToSafetensors } from '@sous/core';
import { z } from 'zod';
import type { ModelEntry } from '../exec/executor.js';

export const CHECKPOINTS_DIR = 'checkpoints';
const KEEP = 2;
const STEP_DIR = /^step-(\d+)$/;
const STATE_FILE = 'state.json';

const count = z.number().int().min(0);
const checkpointStateSchema = z.object({
  format: z.literal(1),
  /** Hash of the plan the run executes: a checkpoint only resumes the same recipe. */
  planHash: z.string(),
  seed: count,
  stage: z.string(),
  stageIndex: count,
  /** Steps of `stage` completed. */
  step: count,
  /** Steps completed over all stages (the folder's number). */
  globalStep: count,
  /** `skipped_steps` of the stage so far (on_nan "skip"). */
  skippedSteps: count,
  /** Length of metrics.jsonl when the checkpoint was taken. */
  metricsBytes: count,
  /** Model bindings; each is `<binding>.safetensors`. */
  models: z.array(z.string()),
  /** Optimizer state files, one per optimizer of the stage in plan order. */
  optimizers: z.array(z.string()),
});
export type CheckpointState = z.infer<typeof checkpointStateSchema>;

export const optimizerFile = (index: number): string => `optimizer-${index}.safetensors`;
const modelFile = (name: string): string => `${name}.safetensors`;

async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => {});
  await handle?.close();
}

/** Step numbers of the complete checkpoints in `runDir`, newest first. */
export async function listCheckpoints(runDir: string): Promise<number[]> {
  const names = await fs.readdir(path.join(runDir, CHECKPOINTS_DIR)).catch(() => [] as string[]);
  return names
    .flatMap((name) => {
      const match = STEP_DIR.exec(name);
      return match ? [Number(match[1])] : [];
    })
    .sort((a, b) => b - a);
}

export function checkpointDir(runDir: string, globalStep: number): string {
  return path.join(runDir, CHECKPOINTS_DIR, `step-${globalStep}`);
}

/** Writes a checkpoint atomically and prunes all but the newest two; returns its folder. */
export async function writeCheckpoint(
  runDir: string,
  state: Omit<CheckpointState, 'format' | 'models' | 'optimizers'>,
  models: ModelEntry[],
  optimizerStates: Map<string, tf.Tensor>[],
): Promise<string> {
  const root = path.join(runDir, CHECKPOINTS_DIR);
  await fs.mkdir(root, { recursive: true });
  for (const name of await fs.readdir(root)) {
    if (name.startsWith('.step-')) await fs.rm(path.join(root, name), { recursive: true, force: true });
  }
  const target = checkpointDir(runDir, state.globalStep);
  const temp = path.join(root, `.step-${state.globalStep}.tmp-${process.pid}`);
  await fs.mkdir(temp);
  try {
    const metadata = { stage: state.stage, step: String(state.step) };
    for (const { name, model } of models) {
      await writeSynced(path.join(temp, modelFile(name)), await tensorsToSafetensors(model.namedVariables(), metadata));
    }
    for (const [index, tensors] of optimizerStates.entries()) {
      await writeSynced(path.join(temp, optimizerFile(index)), await tensorsToSafetensors(tensors, metadata));
    }
    const full: CheckpointState = {
      format: 1,
      ...state,
      models: models.map((m) => m.name),
      optimizers: optimizerStates.map((_, i) => optimizerFile(i)),
    };
    await writeSynced(path.join(temp, STATE_FILE), `${JSON.stringify(full, null, 2)}\n`);
    await syncDirectory(temp);
    // Only a re-run of the same step finds the target taken; the fresh copy replaces it.
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(temp, target);
    await syncDirectory(root);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    if (error instanceof SousError) throw error;
    throw new SousError(`cannot write the checkpoint: ${(error as Error).message}`, { file: target, cause: error });
  }
  for (const old of (await listCheckpoints(runDir)).slice(KEEP)) {
    await fs.rm(checkpointDir(runDir, old), { recursive: true, force: true });
  }
  return target;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    // A plain Uint8Array copy: a Node Buffer's slice() shares its (pooled) memory, which the
    // safetensors decoder would read past.
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw new SousError(`cannot read the checkpoint file: ${(error as Error).message}`, {
      file,
      cause: error,
      hint: 'The checkpoint is incomplete or damaged.',
    });
  }
}

/** Reads and validates `state.json` of a checkpoint folder. */
export async function readCheckpointState(dir: string): Promise<CheckpointState> {
  const file = path.join(dir, STATE_FILE);
  const text = new TextDecoder().decode(await readBytes(file));
  return parseJsonAs(checkpointStateSchema, text, { file, hint: 'The checkpoint is damaged.' }, 'the checkpoint state');
}

/** Decodes a safetensors file into tensors; the caller disposes them. */
export async function readTensors(file: string): Promise<Map<string, tf.Tensor>> {
  return safetensorsToTensors(await readBytes(file), file, tf).tensors;
}

/** Assigns each model's weights from its file in the checkpoint; names and shapes must match. */
export async function loadModelWeights(dir: string, models: ModelEntry[]): Promise<void> {
  for (const { name, model } of models) {
    const file = path.join(dir, modelFile(name));
    const saved = await readTensors(file);
    try {
      const variables = model.namedVariables();
      for (const [weight, variable] of variables) {
        const tensor = saved.get(weight);
        if (!tensor)
          throw new SousError(`has no tensor "${weight}" for model "${name}"`, {
            file,
            hint: 'The checkpoint does not match this recipe.',
          });
        if (!tf.util.arraysEqual(tensor.shape, variable.shape)) {
          throw new SousError(
            `tensor "${weight}" has shape [${tensor.shape}], but model "${name}" expects [${variable.shape}]`,
            { file, hint: 'The checkpoint does not match this recipe.' },
          );
        }
      }
      const extra = [...saved.keys()].filter((weight) => !variables.has(weight));
      if (extra.length > 0)
        throw new SousError(`holds tensors model "${name}" does not have (${extra.slice(0, 3).join(', ')})`, {
          file,
          hint: 'The checkpoint does not match this recipe.',
        });
      for (const [weight, variable] of variables) variable.assign(saved.get(weight)!);
    } finally {
      tf.dispose([...saved.values()]);
    }
  }
}
