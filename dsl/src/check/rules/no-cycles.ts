// Bindings may refer to each other in any order, but not in a circle: `a = f(b)`, `b = g(a)` has
// no first node to run. Each cycle is reported once, at its first binding in the source.
import { cyclePath, findCycles } from '../graph.js';
import type { Rule } from '../rule.js';

export const noCycles: Rule = {
  name: 'no-cycles',
  codes: ['R0401'],
  run({ model, report }) {
    const bindings = model.allScopes().flatMap((scope) => [...scope.bindings.values()]);
    const edges = (binding: (typeof bindings)[number]) => model.dependencies(binding);
    for (const component of findCycles(bindings, edges)) {
      const first = [...component].sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
      const path = cyclePath(first, component, edges)
        .map((b) => b.name.name)
        .join(' -> ');
      report('R0401', first.name.range, `dependency cycle: ${path}`);
    }
  },
};
