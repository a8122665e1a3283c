import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { SousError } from '../src/errors.js';
import { defineNode, definePlugin, type Plugin } from '../src/plugin.js';
import { nodeSignature, registryFromPlugins } from '../src/registry.js';

const sample = definePlugin({
  namespace: 'sample',
  package: '@acme/sample',
  version: '2.0.1',
  nodes: [
    defineNode({
      name: 'everything',
      kind: 'loss',
      doc: 'Uses every parameter shape sous supports.',
      params: z.object({
        lr: z.number().positive().default(3e-4).describe('Learning rate.'),
        steps: z.number().int().min(1).max(1000).meta({ dimension: 'count' }).describe('How many steps.'),
        clip: z.number().gt(0).lt(1).optional(),
        name: z.string().describe('A label.'),
        flag: z.boolean().default(false),
        estimator: z.enum(['k1', 'k2', 'k3']).default('k3').describe('KL estimator.'),
        k: z.array(z.number().int()).default([1, 8]),
        betas: z.tuple([z.number(), z.number()]).default([0.9, 0.99]),
        mode: z.literal('fast').optional(),
        pick: z.union([z.literal('a'), z.literal('b')]),
        budget: z.number().nullable().default(null),
        warmup: z.number().min(0).max(1).meta({ dimension: 'percent' }).default(0.1),
        seed: z.int().nonnegative(),
      }),
      inputs: {
        policy: 'Model',
        batch: { type: 'Batch', doc: 'Teacher-forced tokens.' },
        ref: { type: 'Model', optional: true },
      },
      output: 'Loss',
      run: () => 0,
    }),
    defineNode({
      name: 'arith',
      kind: 'task',
      doc: 'A task.',
      params: z.object({}),
      inputs: {},
      output: 'Task',
      members: { train: 'Dataset', vocab: 'Tokenizer' },
      run: () => null,
    }),
  ],
});

test('every zod shape becomes the matching ParamSpec', () => {
  const signature = nodeSignature(sample, sample.nodes[0]);
  assert.equal(signature.params, [
    { name: 'lr', type: 'number', doc: 'Learning rate.', required: false, default: 3e-4, min: 0, minExclusive: true },
    { name: 'steps', type: 'integer', doc: 'How many steps.', required: true, min: 1, max: 1000, dimension: 'count' },
    { name: 'clip', type: 'number', doc: '', required: false, min: 0, minExclusive: true, max: 1, maxExclusive: true },
    { name: 'name', type: 'string', doc: 'A label.', required: true },
    { name: 'flag', type: 'boolean', doc: '', required: false, default: false },
    {
      name: 'estimator',
      type: 'enum',
      doc: 'KL estimator.',
      required: false,
      default: 'k3',
      values: ['k1', 'k2', 'k3'],
    },
    { name: 'k', type: 'list', doc: '', required: false, default: [1, 8], items: 'integer' },
    {
      name: 'betas',
      type: 'list',
      doc: '',
      required: false,
      default: [0.9, 0.99],
      items: 'number',
      minItems: 2,
      maxItems: 2,
    },
    { name: 'mode', type: 'enum', doc: '', required: false, values: ['fast'] },
    { name: 'pick', type: 'enum', doc: '', required: true, values: ['a', 'b'] },
    { name: 'budget', type: 'number', doc: '', required: false, default: null },
    { name: 'warmup', type: 'number', doc: '', required: false, default: 0.1, min: 0, max: 1, dimension: 'percent' },
    { name: 'seed', type: 'integer', doc: '', required: true, min: 0 },
  ]);
});

test('inputs keep their order; shorthand and declared ports both work', () => {
  const signature = nodeSignature(sample, sample.nodes[0]);
  assert.equal(signature.inputs, [
    { name: 'policy', type: 'Model' },
    { name: 'batch', type: 'Batch', doc: 'Teacher-forced tokens.' },
    { name: 'ref', type: 'Model', optional: true },
  ]);
  assert.is(signature.output, 'Loss');
  assert.is(signature.kind, 'loss');
  assert.is(signature.doc, 'Uses every parameter shape sous supports.');
  assert.is(signature.package, '@acme/sample');
  assert.is(signature.version, '2.0.1');
});

test('the registry finds plugins by package and keeps members', () => {
  const registry = registryFromPlugins([sample]);
  const plugin = registry.plugin('@acme/sample');
  assert.ok(plugin);
  assert.is(plugin!.namespace, 'sample');
  assert.equal(
    plugin!.nodes.map((n) => n.name),
    ['everything', 'arith'],
  );
  assert.equal(plugin!.nodes[1].members, { train: 'Dataset', vocab: 'Tokenizer' });
  assert.is(registry.plugin('@acme/other'), undefined);
  assert.equal(
    registry.plugins().map((p) => p.package),
    ['@acme/sample'],
  );
});

test('a plugin built in memory without a package is found by its namespace', () => {
  const registry = registryFromPlugins([{ namespace: 'local', nodes: [] }]);
  assert.is(registry.plugin('local')?.namespace, 'local');
});

function nodeWith(overrides: Partial<Plugin['nodes'][number]>): Plugin {
  return {
    namespace: 'bad',
    package: '@acme/bad',
    nodes: [
      {
        name: 'n',
        kind: 'loss',
        doc: '',
        params: z.object({}),
        inputs: {},
        output: 'Loss',
        run: () => 0,
        ...overrides,
      },
    ],
  };
}

function registryError(plugin: Plugin): string {
  try {
    registryFromPlugins([plugin]);
  } catch (error) {
    assert.instance(error, SousError);
    return (error as Error).message;
  }
  throw new Error('expected a SousError');
}

test('unsupported schemas and port types are errors naming plugin, node and parameter', () => {
  assert.match(
    registryError(nodeWith({ params: z.object({ opts: z.object({ a: z.number() }) }) })),
    /^plugin @acme\/bad, node bad\.n, parameter "opts": sous parameters are numbers, integers, strings, booleans, enums or lists/,
  );
  assert.match(
    registryError(nodeWith({ params: z.object({ mixed: z.array(z.union([z.number(), z.string()])) }) })),
    /parameter "mixed": a list parameter needs elements of one type/,
  );
  assert.match(
    registryError(nodeWith({ params: z.object({ t: z.number().meta({ dimension: 'length' }) }) })),
    /parameter "t": dimension "length" is not one of count, time, memory, percent/,
  );
  assert.match(
    registryError(nodeWith({ inputs: { x: 'Matrix' as never } })),
    /^plugin @acme\/bad, node bad\.n, input "x": port type "Matrix" is neither built in nor declared by a loaded plugin/,
  );
  assert.match(
    registryError(nodeWith({ output: 'Nothing' as never })),
    /node bad\.n, output: port type "Nothing" is neither built in/,
  );
  assert.match(
    registryError(nodeWith({ members: { m: 'Nope' as never } })),
    /node bad\.n, member "m": port type "Nope"/,
  );
});

test('a port typed Any must say why', () => {
  assert.match(
    registryError(nodeWith({ inputs: { x: 'Any' } })),
    /^plugin @acme\/bad, node bad\.n, input "x": an Any port needs a reason/,
  );
  assert.match(
    registryError(nodeWith({ inputs: { x: { type: 'Any', why: '  ' } } })),
    /input "x": an Any port needs a reason/,
  );
  assert.match(registryError(nodeWith({ output: 'Any' })), /node bad\.n, output: an Any port needs a reason/);
  const reasoned = registryFromPlugins([
    nodeWith({
      inputs: { x: { type: 'Any', why: 'logs whatever it is given' } },
      output: { type: 'Any', why: 'passes its input through' },
    }),
  ]);
  assert.equal(reasoned.plugin('@acme/bad')!.nodes[0].inputs, [{ name: 'x', type: 'Any' }]);
});

test("a plugin declares port types; its nodes and other plugins' nodes may use them", () => {
  const shapes: Plugin = {
    namespace: 'shapes',
    package: '@acme/shapes',
    types: { Polygon: { doc: 'A closed polygon.' } },
    nodes: [
      {
        name: 'square',
        kind: 'data',
        doc: '',
        params: z.object({}),
        inputs: {},
        output: 'Polygon' as never,
        run: () => 0,
      },
    ],
  };
  const user = nodeWith({ inputs: { shape: 'Polygon' as never } });
  const registry = registryFromPlugins([shapes, user]);
  assert.equal(registry.plugin('@acme/shapes')!.types, { Polygon: { doc: 'A closed polygon.' } });
  assert.is(registry.plugin('@acme/bad')!.nodes[0].inputs[0].type, 'Polygon');
  assert.throws(
    () => registryFromPlugins([user]),
    /port type "Polygon" is neither built in nor declared by a loaded plugin/,
  );
});

test('two plugins declaring one type name, a plugin redeclaring a built-in, a bad name or no doc are errors naming them', () => {
  const declaring = (name: string, type: string): Plugin => ({
    namespace: name,
    package: `@acme/${name}`,
    types: { [type]: { doc: 'A type.' } },
    nodes: [],
  });
  assert.throws(
    () => registryFromPlugins([declaring('a', 'Grid'), declaring('b', 'Grid')]),
    (error: unknown) =>
      error instanceof SousError &&
      error.message === 'plugins @acme/a and @acme/b both declare the port type "Grid"; rename one',
  );
  assert.throws(
    () => registryFromPlugins([declaring('a', 'Rewards')]),
    (error: unknown) =>
      error instanceof SousError &&
      error.message === 'plugin @acme/a declares the port type "Rewards", which is built in',
  );
  assert.throws(
    () => registryFromPlugins([declaring('a', 'point set')]),
    /plugin @acme\/a declares the port type "point set": a type name is a capitalised word/,
  );
  assert.throws(
    () => registryFromPlugins([{ namespace: 'a', package: '@acme/a', types: { Grid: { doc: ' ' } }, nodes: [] }]),
    /plugin @acme\/a declares the port type "Grid" without a doc/,
  );
});

test('only the last input is variadic, and the inputs before it are required', () => {
  assert.match(
    registryError(nodeWith({ inputs: { parts: { type: 'Rewards', variadic: true }, x: 'Rewards' } })),
    /node bad\.n, input "parts": only the last input can be variadic/,
  );
  assert.match(
    registryError(
      nodeWith({ inputs: { x: { type: 'Rollouts', optional: true }, parts: { type: 'Rewards', variadic: true } } }),
    ),
    /node bad\.n, input "x": an input before a variadic one cannot be optional/,
  );
  const ok = registryFromPlugins([nodeWith({ inputs: { x: 'Rollouts', parts: { type: 'Rewards', variadic: true } } })]);
  assert.equal(ok.plugin('@acme/bad')!.nodes[0].inputs, [
    { name: 'x', type: 'Rollouts' },
    { name: 'parts', type: 'Rewards', variadic: true },
  ]);
});

test.run();
