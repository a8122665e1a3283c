// A binding holds a node's value (a call, an operator, a reference), not a plain literal:
// parameters are written where they are used, so the plan has no hidden constants. An eval
// statement runs a node, so it is a call or an operator.
import { isLiteral } from '../literals.js';
import type { Rule } from '../rule.js';

export const nodeValues: Rule = {
  name: 'node-values',
  codes: ['R0311'],
  run({ model, report }) {
    for (const { expr, owner } of model.roots()) {
      if (owner.type === 'Binding' && isLiteral(expr)) {
        report(
          'R0311',
          expr.range,
          `"${owner.name.name}" is bound to a plain value; write the value where it is used (parameters take literals), and bind nodes here`,
        );
      } else if (
        owner.type === 'ExpressionStatement' &&
        (isLiteral(expr) || !['Call', 'Binary', 'Unary', 'Error'].includes(expr.type))
      ) {
        report(
          'R0311',
          expr.range,
          'an eval statement runs a node: write a call such as `objectives.pass_at_k(policy, task.test, k: [1])`',
        );
      }
    }
  },
};
