// Every `use "pkg"` must name a package the registry can load, and each namespace (the plugin's
// own or the `as` alias) may be registered once.
import { suggest } from '../../suggest.js';
import type { Rule } from '../rule.js';

export const knownPackages: Rule = {
  name: 'known-packages',
  codes: ['R0201', 'R0209'],
  run({ model, report }) {
    for (const use of model.missingUses) {
      const name = use.package.value;
      const near = suggest(
        name,
        model.registry.plugins().map((p) => p.package),
      );
      const reason = model.registry.missing?.find((m) => m.package === name)?.message;
      report(
        'R0201',
        use.package.range,
        reason ?? `package "${name}" was not found from this recipe's folder; install it with \`npm install ${name}\``,
        near === undefined ? undefined : JSON.stringify(near),
      );
    }
    for (const statement of model.ast.statements) {
      if (statement.type !== 'Use') continue;
      const plugin = model.registry.plugin(statement.package.value);
      if (!plugin) continue;
      const namespace = statement.alias?.name ?? plugin.namespace;
      const first = model.namespaces.get(namespace)!;
      if (first.use === statement) continue;
      report(
        'R0209',
        statement.alias?.range ?? statement.package.range,
        `namespace "${namespace}" is already registered by \`use "${first.use.package.value}"\` on line ${first.use.range.start.line}; ` +
          'give one of them another name with `as`',
      );
    }
  },
};
