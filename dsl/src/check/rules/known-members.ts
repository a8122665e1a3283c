// `value.member` names a member the producing node declares (`task.train` of a Task).
import { suggest } from '../../suggest.js';
import type { Rule } from '../rule.js';

export const knownMembers: Rule = {
  name: 'known-members',
  codes: ['R0206'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Member' || model.isNamespaceMember(expr, scope)) return;
      const object = model.typeOf(expr.object, scope);
      if (!object) return;
      const name = expr.member.name;
      const members = Object.keys(object.members ?? {});
      if (members.includes(name)) return;
      report('R0206', expr.member.range, members.length
        ? `${object.type} has no member "${name}"; its members are ${members.join(', ')}`
        : `${object.type} has no members; "${name}" cannot be read from it`, suggest(name, members));
    });
  },
};
