// Training runs: `runRecipe` (what `sous run` calls), the loop, run folders and checkpoints.
export { readRecipeFile, runRecipe, type RunRecipeOptions, type RunRecipeResult } from './run-recipe.js';
export { train, METRICS_FILE, type RunReporter, type TrainOptions, type TrainResult } from './trainer.js';
export { StageRunner, type StepRecord, type StepResult } from './stage-runner.js';
export type { ProgressEvent, ProgressListener, StagePlan } from './progress.js';
export { CHECKPOINTS_DIR, listCheckpoints, readCheckpointState, type CheckpointState } from './checkpoint.js';
export { PLAN_FILE, RUN_INFO_FILE, parsePlanFile, readRunInfo, type RunInfo } from './run-folder.js';
