// Stage names qualify node ids (`grpo.loss`) and name checkpoints, so they must be unique.
import type { Rule } from '../rule.js';

export const uniqueStageNames: Rule = {
  name: 'unique-stage-names',
  codes: ['R0402'],
  run({ model, report }) {
    const seen = new Map<string, number>();
    for (const { stage } of model.stages) {
      const name = stage.name.name;
      const line = seen.get(name);
      if (line !== undefined)
        report('R0402', stage.name.range, `stage "${name}" is already defined on line ${line}; rename one of them`);
      else seen.set(name, stage.range.start.line);
    }
  },
};
