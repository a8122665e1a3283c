// Which scope of the semantic model a position is in: an eval block, a stage, or the top level.
import type { Scope, SemanticModel } from '../check/model.js';
import { touches } from './positions.js';

export function scopeAt(model: SemanticModel, offset: number): Scope {
  for (const stage of model.stages) {
    if (!touches(stage.stage.range, offset)) continue;
    return stage.evals.find((e) => touches(e.block.range, offset))?.scope ?? stage.scope;
  }
  return model.top;
}
