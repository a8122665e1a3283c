// Every bare name in a value is a binding visible from where it is used. Stage bindings are
// visible only inside their stage, so a name bound in another stage gets its own explanation.
import { suggest } from '../../suggest.js';
import type { Rule } from '../rule.js';

export const knownReferences: Rule = {
  name: 'known-references',
  codes: ['R0204', 'R0310'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Identifier') return;
      const name = model.resolveName(expr.name, scope);
      if (name?.kind === 'binding') return;
      if (name?.kind === 'namespace') {
        report(
          'R0310',
          expr.range,
          `"${expr.name}" is a namespace, not a value; call one of its nodes, as \`${expr.name}.node(...)\``,
        );
        return;
      }
      const elsewhere = model.allScopes().find((s) => s.bindings.has(expr.name));
      const hint = elsewhere?.stage
        ? `; it is bound in stage "${elsewhere.stage.name.name}"${elsewhere.kind === 'eval' ? "'s eval block" : ''}, and stage bindings are visible only there`
        : '';
      report('R0204', expr.range, `unknown name "${expr.name}"${hint}`, suggest(expr.name, model.visibleNames(scope)));
    });
  },
};
