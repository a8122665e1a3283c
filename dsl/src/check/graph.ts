// Dependency graphs: cycles between bindings for the checker, a canonical topological order of
// plan nodes for the compiler. Generic over the node type; `edges(n)` lists what n depends on.

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

/** A topological order (dependencies first) that depends only on the graph, not on the order
 * of `nodes`: among the nodes whose dependencies are placed, the smallest `key` goes next
 * (Kahn's algorithm). Edges to nodes outside `nodes` are ignored; `nodes` must have no cycle. */
export function canonicalOrder<T>(
  nodes: readonly T[],
  key: (node: T) => string,
  edges: (node: T) => readonly T[],
): T[] {
  const members = new Set(nodes);
  const waiting = new Map(
    nodes.map((node) => [node, new Set(edges(node).filter((d) => members.has(d) && d !== node))]),
  );
  const order: T[] = [];
  while (waiting.size > 0) {
    let next: T | undefined;
    for (const [node, deps] of waiting) {
      if (deps.size === 0 && (next === undefined || key(node) < key(next))) next = node;
    }
    if (next === undefined) throw new Error('canonicalOrder: the graph has a cycle');
    waiting.delete(next);
    for (const deps of waiting.values()) deps.delete(next);
    order.push(next);
  }
  return order;
}
