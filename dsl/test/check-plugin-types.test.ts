// Port types a plugin declares: checked on edges exactly as built-in ones, named with their plugin
// in mismatches, refused at registry build when undeclared or declared twice; variadic ports; and
// the language server showing a type's doc.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkAndCompile, explain } from '../src/compile/index.js';
import { analyse, RegistryCache } from '../src/lsp/analysis.js';
import { hover } from '../src/lsp/hover.js';
import { planEdges } from '../src/plan.js';
import {
  RegistryError,
  staticRegistry,
  type NodeSignature,
  type PluginSignature,
  type PortSpec,
} from '../src/registry.js';
import { at, diagnose, summary } from './fixtures/diagnose.js';
import { FIXTURE_PLUGINS } from './fixtures/registry.js';

const GEOMETRY = '@sous-fixture/geometry';
const port = (name: string, type: string, extra: Partial<PortSpec> = {}): PortSpec => ({ name, type, ...extra });
const node = (name: string, inputs: PortSpec[], output: string, kind = 'shape'): NodeSignature => ({
  namespace: 'geo',
  package: GEOMETRY,
  name,
  kind,
  doc: `${name}.`,
  params: [],
  inputs,
  output,
});

const geometry: PluginSignature = {
  package: GEOMETRY,
  namespace: 'geo',
  types: { Polygon: { doc: 'A closed polygon in the plane.' }, Mesh: { doc: 'A triangle mesh.' } },
  nodes: [
    node('square', [], 'Polygon'),
    node('extrude', [port('shape', 'Polygon')], 'Mesh'),
    node('union', [port('parts', 'Polygon', { variadic: true })], 'Polygon'),
    node('stack', [port('base', 'Mesh'), port('layers', 'Polygon', { variadic: true, optional: true })], 'Mesh'),
    node('area', [port('shape', 'Polygon')], 'Metrics', 'metric'),
  ],
};
const registry = staticRegistry([...FIXTURE_PLUGINS, geometry]);
const USE = 'use "@sous-fixture/geometry"\n';
const diagnoseGeo = (body: string) => diagnose(USE + body, { registry });

test('an edge between plugin types of the same name is accepted', () => {
  assert.equal(diagnoseGeo('s = geo.square()\nm = geo.extrude(s)\na = geo.area(s)\n').diagnostics, []);
});

test('a mismatch between plugin types names both types and the declaring plugin', () => {
  const { source, diagnostics } = diagnoseGeo('s = geo.square()\nm = geo.extrude(s)\nbad = geo.area(m)\n');
  assert.equal(summary(diagnostics), [at(source, 'm)', 'R0306')]);
  assert.is(
    diagnostics[0].message,
    'input "shape" of geo.area expects Polygon (from @sous-fixture/geometry), got Mesh (from @sous-fixture/geometry)',
  );
});

test('a mismatch between a plugin type and a built-in one names the plugin of the first only', () => {
  const { diagnostics } = diagnoseGeo('task = tasks.arithmetic()\nbad = geo.extrude(task)\n');
  assert.is(
    diagnostics[0].message,
    'input "shape" of geo.extrude expects Polygon (from @sous-fixture/geometry), got Task',
  );
});

test('a signature with a type nobody declares fails at registry build, naming plugin, node and port', () => {
  const broken = { ...geometry, nodes: [node('warp', [port('field', 'VectorField')], 'Mesh')] };
  assert.throws(
    () => staticRegistry([broken]),
    (error: unknown) => error instanceof RegistryError,
  );
  assert.throws(
    () => staticRegistry([broken]),
    /^plugin @sous-fixture\/geometry, node geo\.warp, input "field": port type "VectorField" is neither built in nor declared by a loaded plugin/,
  );
  assert.throws(() => staticRegistry([{ ...geometry, types: {} }]), /node geo\.square, output: port type "Polygon"/);
});

test('two plugins declaring one type name fail at registry build, naming both', () => {
  const other: PluginSignature = {
    package: '@sous-fixture/cad',
    namespace: 'cad',
    types: { Mesh: { doc: 'Another mesh.' } },
    nodes: [],
  };
  assert.throws(
    () => staticRegistry([geometry, other]),
    /plugins @sous-fixture\/geometry and @sous-fixture\/cad both declare the port type "Mesh"; rename one/,
  );
});

test('a variadic port takes one or several positional arguments, each type-checked; the plan holds the list', () => {
  const source = `sous 1\nrecipe "v"\n${USE}a = geo.square()\nb = geo.square()\nc = geo.square()\none = geo.union(a)\nthree = geo.union(a, b, c)\nm = geo.stack(geo.extrude(a), a, b)\n`;
  const result = checkAndCompile(source, 'v.recipe', registry);
  assert.equal(result.diagnostics, []);
  const byId = new Map(result.plan!.nodes.map((n) => [n.id, n]));
  assert.equal(byId.get('one')!.inputs, { parts: [{ node: 'a', type: 'Polygon' }] });
  assert.equal(byId.get('three')!.inputs, { parts: ['a', 'b', 'c'].map((id) => ({ node: id, type: 'Polygon' })) });
  assert.equal(
    planEdges(byId.get('m')!).map((edge) => edge.node),
    ['m$1', 'a', 'b'],
  );
  // `sous explain` writes a variadic call positionally, and the recipe it prints compiles to the same plan.
  const explained = explain(result.plan!);
  assert.match(explained, 'three = geo.union(a, b, c)');
  assert.is(checkAndCompile(explained, 'v.recipe', registry).plan?.hash, result.plan!.hash);
});

test('a required variadic port needs one argument; an optional one takes none; each argument is typed', () => {
  const { source, diagnostics } = diagnoseGeo(
    'none = geo.union()\nm = geo.stack(geo.extrude(geo.square()))\nbad = geo.union(geo.square(), m)\n',
  );
  assert.equal(summary(diagnostics), [at(source, 'geo.union', 'R0305'), at(source, 'm)', 'R0306')]);
  assert.is(diagnostics[0].message, 'geo.union needs its input "parts" (Polygon); pass it in order or as `parts: ...`');
});

test("hover shows a plugin type's doc on a binding and on a port", async () => {
  const source = `sous 1\nrecipe "h"\n${USE}shape = geo.square()\nm = geo.extrude(shape: shape)\n`;
  const cache = new RegistryCache(
    async () => registry,
    (message) => {
      throw new Error(message);
    },
  );
  const analysis = await analyse(TextDocument.create('file:///work/h.recipe', 'recipe', 1, source), cache);
  const text = (offset: number) => (hover(analysis, offset)!.contents as { value: string }).value;
  assert.match(
    text(source.indexOf('shape =')),
    'type: `Polygon`: A closed polygon in the plane. (type declared by `@sous-fixture/geometry`)',
  );
  assert.match(text(source.indexOf('shape: shape')), '`Polygon`: A closed polygon in the plane.');
});

test.run();
