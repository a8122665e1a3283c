// Each argument binds one input port or parameter of the called node: named arguments must
// name one, positional ones must not outnumber the ports, and nothing is given twice.
import type { Rule } from '../rule.js';

export const knownArguments: Rule = {
  name: 'known-arguments',
  codes: ['R0205', 'R0213', 'R0309'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Call') return;
      const resolution = model.resolveCall(expr, scope);
      if (!resolution.ok) return;
      const { label, signature } = resolution.target;
      for (const problem of resolution.args.problems) {
        switch (problem.kind) {
          case 'unknown-name': {
            const known = [...signature.inputs.map((p) => p.name), ...signature.params.map((p) => p.name)];
            report(
              'R0205',
              problem.arg.name.range,
              `${label} has no parameter or input "${problem.arg.name.name}"; it takes ${known.length ? known.join(', ') : 'no arguments'}`,
              problem.suggestion,
            );
            break;
          }
          case 'duplicate':
            report('R0213', problem.arg.range, `"${problem.name}" of ${label} is given more than once`);
            break;
          case 'too-many-positional':
            report(
              'R0309',
              problem.arg.range,
              `${label} takes ${problem.max} positional argument${problem.max === 1 ? '' : 's'} (its inputs ${signature.inputs.map((p) => p.name).join(', ') || 'none'}); ` +
                'name parameters, as `name: value`',
            );
            break;
        }
      }
    });
  },
};
