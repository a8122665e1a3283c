// `value.member` names a member the producing node declares (`task.train` of a Task), and is
// read from a named value: bind the call first (`task = tasks.arithmetic(...)`, then
// `task.train`), so the node that owns the member has a name in the plan.
import { suggest } from '../../suggest.js';
import type { Rule } from '../rule.js';

export const knownMembers: Rule = {
  name: 'known-members',
  codes: ['R0206', 'R0313'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Member' || model.isNamespaceMember(expr, scope)) return;
      if (expr.object.type !== 'Identifier' && expr.object.type !== 'Member' && expr.object.type !== 'Error') {
        report(
          'R0313',
          expr.range,
          `bind the value first and read "${expr.member.name}" from its name: \`x = ...\` then \`x.${expr.member.name}\``,
        );
        return;
      }
      const object = model.typeOf(expr.object, scope);
      if (!object) return;
      const name = expr.member.name;
      const members = Object.keys(object.members ?? {});
      if (members.includes(name)) return;
      report(
        'R0206',
        expr.member.range,
        members.length
          ? `${object.type} has no member "${name}"; its members are ${members.join(', ')}`
          : `${object.type} has no members; "${name}" cannot be read from it`,
        suggest(name, members),
      );
    });
  },
};
