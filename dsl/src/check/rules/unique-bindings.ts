// A name is bound once per scope, and an inner binding may not hide an outer name (a top-level
// binding, a namespace): a recipe reads top to bottom without wondering which `policy` is meant.
import type { Binding } from '../../ast.js';
import type { Scope } from '../model.js';
import type { Rule } from '../rule.js';

export const uniqueBindings: Rule = {
  name: 'unique-bindings',
  codes: ['R0207', 'R0208'],
  run({ model, report }) {
    const where = (binding: Binding) => `line ${binding.range.start.line}`;
    for (const scope of model.allScopes()) {
      for (const binding of scope.declared) {
        const name = binding.name.name;
        const first = scope.bindings.get(name)!;
        if (first !== binding) {
          report(
            'R0207',
            binding.name.range,
            `"${name}" is already bound on ${where(first)}; each name is bound once in a scope`,
          );
          continue;
        }
        const outer = outerBinding(scope, name);
        if (outer) {
          report(
            'R0208',
            binding.name.range,
            `"${name}" hides the ${outer.scope.kind === 'top' ? 'top-level' : 'stage'} binding on ${where(outer.binding)}; choose another name`,
          );
        } else if (model.namespaces.has(name)) {
          report(
            'R0208',
            binding.name.range,
            `"${name}" hides the namespace of \`use "${model.namespaces.get(name)!.use.package.value}"\`; choose another name`,
          );
        }
      }
    }
  },
};

function outerBinding(scope: Scope, name: string): { binding: Binding; scope: Scope } | undefined {
  for (let s = scope.parent; s; s = s.parent) {
    const binding = s.bindings.get(name);
    if (binding) return { binding, scope: s };
  }
  return undefined;
}
