// Dependency graphs between bindings: cycles for the checker, a topological order for the
// compiler. Generic over the node type; `edges(n)` lists what n depends on.

/** Strongly connected components that form cycles (two or more nodes, or a node that depends on
 * itself), each in the order Tarjan's algorithm closes them. */
export function findCycles<T>(nodes: readonly T[], edges: (node: T) => readonly T[]): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const cycles: T[][] = [];
  let counter = 0;
  const visit = (node: T): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: T[] = [];
    let member: T;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges(node).includes(node)) cycles.push(component);
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return cycles;
}

/** A closed path `start -> ... -> start` inside a cycle component (breadth-first: the shortest). */
export function cyclePath<T>(start: T, component: readonly T[], edges: (node: T) => readonly T[]): T[] {
  const members = new Set(component);
  const previous = new Map<T, T>();
  const queue: T[] = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of edges(node)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let n: T | undefined = node; n !== undefined && n !== start; n = previous.get(n)) path.splice(1, 0, n);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Dependencies before dependents; otherwise the order of `nodes` (depth-first, post-order), so
 * the result is stable for a given source. Assumes no cycles among `nodes`. */
export function topologicalOrder<T>(nodes: readonly T[], edges: (node: T) => readonly T[]): T[] {
  const done = new Set<T>();
  const order: T[] = [];
  const visit = (node: T): void => {
    if (done.has(node)) return;
    done.add(node);
    for (const next of edges(node)) visit(next);
    order.push(node);
  };
  for (const node of nodes) visit(node);
  return order;
}
