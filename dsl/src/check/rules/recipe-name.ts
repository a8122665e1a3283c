// `recipe "name"` names the run; a second one is ambiguous.
import type { Rule } from '../rule.js';

export const recipeName: Rule = {
  name: 'recipe-name',
  codes: ['R0004'],
  run({ model, report }) {
    const names = model.ast.statements.filter((s) => s.type === 'RecipeName');
    for (const repeated of names.slice(1)) {
      report(
        'R0004',
        repeated.range,
        `the recipe is already named "${names[0].name.value}" on line ${names[0].range.start.line}; keep one \`recipe\` line`,
      );
    }
  },
};
