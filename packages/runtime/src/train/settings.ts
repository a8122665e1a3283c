// A plan's settings read through the language's own schemas (@sous/dsl's builtins), so the runtime
// keeps no second list of defaults: what `sous check` documents is what a run uses.
import { type Plan, type PlanStage, STAGE_SETTINGS_PARAMS, TOP_LEVEL_SETTINGS_PARAMS } from '@sous/dsl';
import { SousError } from '@sous/core';

export interface StageSettings {
  accumulate: number;
  clipGradNorm: number | undefined;
  onNan: 'stop' | 'skip';
  logEvery: number;
  checkpointEvery: number;
}

/** The settings of `stage`, defaults filled in; an unset `on_nan` takes the recipe's. */
export function stageSettings(plan: Plan, stage: PlanStage): StageSettings {
  const top = TOP_LEVEL_SETTINGS_PARAMS.safeParse(plan.settings);
  const own = STAGE_SETTINGS_PARAMS.safeParse({ ...stage.settings, steps: stage.steps });
  if (!top.success || !own.success) {
    const issue = (top.error ?? own.error)!.issues[0];
    throw new SousError(`stage "${stage.name}": setting ${issue.path.join('.')}: ${issue.message}`, {
      hint: 'The plan was not made by this version of sous; recompile the recipe.',
    });
  }
  return {
    accumulate: own.data.accumulate,
    clipGradNorm: own.data.clip_grad_norm,
    onNan: own.data.on_nan ?? top.data.on_nan,
    logEvery: own.data.log_every,
    checkpointEvery: own.data.checkpoint_every,
  };
}
