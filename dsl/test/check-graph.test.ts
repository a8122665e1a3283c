import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalOrder, cyclePath, findCycles } from '../src/check/graph.js';

const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];

test('findCycles returns each cycle once, self-loops included, and nothing for a DAG', () => {
  const edges = graph({ a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'], f: [] });
  const cycles = findCycles(['a', 'b', 'c', 'd', 'e', 'f'], edges).map((c) => [...c].sort());
  assert.equal(cycles.sort(), [['a', 'b', 'c'], ['d']]);
  assert.equal(findCycles(['x', 'y', 'z'], graph({ x: ['y', 'z'], y: ['z'] })), []);
});

test('cyclePath walks the shortest loop back to its start', () => {
  const edges = graph({ a: ['b', 'c'], b: ['c'], c: ['a'] });
  assert.equal(cyclePath('a', ['a', 'b', 'c'], edges), ['a', 'c', 'a']);
  assert.equal(cyclePath('b', ['a', 'b', 'c'], edges), ['b', 'c', 'a', 'b']);
  assert.equal(cyclePath('s', ['s'], graph({ s: ['s'] })), ['s', 's']);
});

test('canonicalOrder puts dependencies first and does not depend on the input order', () => {
  const edges = graph({
    loss: ['pg', 'kl'],
    pg: ['rollouts'],
    kl: ['rollouts', 'ref'],
    rollouts: ['policy'],
    ref: ['policy'],
  });
  const nodes = ['loss', 'pg', 'kl', 'rollouts', 'ref'];
  const order = canonicalOrder(nodes, (n) => n, edges);
  assert.equal(order, ['ref', 'rollouts', 'kl', 'pg', 'loss'], 'policy is outside the list and ignored');
  assert.equal(
    canonicalOrder([...nodes].reverse(), (n) => n, edges),
    order,
  );
  assert.throws(() => canonicalOrder(['a', 'b'], (n) => n, graph({ a: ['b'], b: ['a'] })), /cycle/);
});

test.run();
