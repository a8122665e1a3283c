// The value given to an input port has the port's type (a port typed Any takes anything).
import type { Rule } from '../rule.js';

export const portTypes: Rule = {
  name: 'port-types',
  codes: ['R0306'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Call') return;
      const resolution = model.resolveCall(expr, scope);
      if (!resolution.ok) return;
      for (const { spec, arg } of resolution.args.ports.values()) {
        const actual = model.typeOf(arg.value, scope)?.type;
        if (!actual || actual === 'Any' || spec.type === 'Any' || actual === spec.type) continue;
        report('R0306', arg.value.range, `input "${spec.name}" of ${resolution.target.label} expects ${spec.type}, got ${actual}`);
      }
    });
  },
};
