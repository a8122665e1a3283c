// Every call names a node of an imported namespace (`samplers.group(...)`), or a built-in in a
// stage setting; a node named without a call is a mistake too.
import type { Rule } from '../rule.js';

export const knownNodes: Rule = {
  name: 'known-nodes',
  codes: ['R0202', 'R0203', 'R0310', 'R0312'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      let resolution;
      if (expr.type === 'Call') {
        resolution = model.resolveCall(expr, scope);
        if (resolution.ok) return;
      } else if (expr.type === 'Member' && expr.object.type === 'Identifier' && model.isNamespaceMember(expr, scope)) {
        const node = model.resolveNode(expr.object, expr.member, expr.range, scope);
        if ('problem' in node) {
          resolution = { ok: false as const, problem: node.problem };
        } else {
          report('R0310', expr.range, `${node.label} is a node; call it, as \`${node.label}(...)\``);
          return;
        }
      } else {
        return;
      }
      const { problem } = resolution;
      switch (problem.kind) {
        case 'unknown-namespace':
          report(
            'R0203',
            problem.name.range,
            problem.package
              ? `namespace "${problem.name.name}" is not imported; add \`use "${problem.package}"\``
              : `unknown namespace "${problem.name.name}"; namespaces come from \`use\` lines`,
            problem.suggestion,
          );
          break;
        case 'unknown-node':
          report(
            'R0202',
            problem.range,
            `unknown node "${problem.namespace}.${problem.node.name}"`,
            problem.suggestion,
          );
          break;
        case 'not-callable':
          report('R0312', problem.range, `this cannot be called${problem.hint ? `: ${problem.hint}` : ''}`);
          break;
        // Reported elsewhere: by the parser, known-packages, or known-builtins.
        case 'reported-elsewhere':
        case 'unavailable-namespace':
        case 'unknown-builtin':
          break;
      }
    });
  },
};
