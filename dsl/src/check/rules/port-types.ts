// The value given to an input port has the port's type (a port typed Any takes anything). Types
// a plugin declares are checked exactly as built-in ones; a mismatch names where each comes from.
import { describePortType } from '../../registry.js';
import type { Rule } from '../rule.js';

export const portTypes: Rule = {
  name: 'port-types',
  codes: ['R0306'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Call') return;
      const resolution = model.resolveCall(expr, scope);
      if (!resolution.ok) return;
      for (const { spec, args } of resolution.args.ports.values())
        for (const arg of args) {
          const actual = model.typeOf(arg.value, scope)?.type;
          if (!actual || actual === 'Any' || spec.type === 'Any' || actual === spec.type) continue;
          const [want, got] = [describePortType(model.registry, spec.type), describePortType(model.registry, actual)];
          report(
            'R0306',
            arg.value.range,
            `input "${spec.name}" of ${resolution.target.label} expects ${want}, got ${got}`,
          );
        }
    });
  },
};
