// A call gives every required parameter and every non-optional input port.
import type { Rule } from '../rule.js';

export const requiredArguments: Rule = {
  name: 'required-arguments',
  codes: ['R0304', 'R0305'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Call') return;
      const resolution = model.resolveCall(expr, scope);
      if (!resolution.ok) return;
      const { target, args } = resolution;
      for (const port of target.signature.inputs) {
        if (!port.optional && !args.ports.has(port.name)) {
          report(
            'R0305',
            expr.callee.range,
            `${target.label} needs its input "${port.name}" (${port.type}); pass it in order or as \`${port.name}: ...\``,
          );
        }
      }
      for (const param of target.signature.params) {
        if (param.required && !args.params.has(param.name)) {
          report('R0304', expr.callee.range, `${target.label} needs the parameter "${param.name}": ${param.doc}`);
        }
      }
    });
  },
};
