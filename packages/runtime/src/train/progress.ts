// What a run reports while it goes, for the CLI's progress bar (or any other front end). Wall
// time is measured by the listener: nothing here is written to metrics.jsonl.
import type { StepRecord } from './stage-runner.js';

export interface StagePlan {
  name: string;
  /** Steps the stage runs (after `--steps`). */
  steps: number;
}

export type ProgressEvent =
  | {
      type: 'start';
      runDir: string;
      backend: string;
      stages: StagePlan[];
      totalSteps: number /** Global step a resumed run continues from. */;
      resumedAt?: number;
    }
  /** A step finished; `globalStep` counts the steps completed over all stages. */
  | {
      type: 'step';
      stage: string;
      step: number;
      stageSteps: number;
      globalStep: number;
      totalSteps: number;
      record: StepRecord;
    }
  | { type: 'eval'; record: StepRecord }
  | { type: 'checkpoint'; dir: string; globalStep: number }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'done'; runDir: string; globalStep: number };

export type ProgressListener = (event: ProgressEvent) => void;
