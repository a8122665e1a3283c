// Helpers for testing plugin nodes without a recipe or a run (`@sous/core/testing`):
//   const ctx = testContext({ step: 3 });
//   const out = runNode<Rewards>(myReward, { rollouts }, { scale: 2 }, ctx);
//   assert.is(ctx.metrics.mean, 0.5);
import fs from 'node:fs';
import path from 'node:path';
import type { NodeContext, NodeDefinition, Plugin } from './plugin.js';
import { SousError } from './errors.js';
import { nodeRng } from './rng.js';
import { tf } from './tf.js';

/** A NodeContext that also keeps what the node reported, for assertions. */
export interface TestContext extends NodeContext {
  /** Messages passed to `logger.warn`, in order. */
  warnings: string[];
  /** Messages passed to `logger.info`, in order. */
  infos: string[];
  /** The last value each `metric(name, value)` call reported. */
  metrics: Record<string, number>;
}

/**
 * A context as the executor would build it for node `nodeId` at `step` of a run seeded with `seed`
 * (defaults: seed 0, node "node", top level, step 0), on the cpu backend, outside a run folder,
 * with data paths resolving against the working directory. Any field can be overridden; an
 * overridden `metric` or `logger` replaces the collecting one, and `rng`, unless given, follows
 * the overridden seed, node id and step.
 */
export function testContext(overrides: Partial<NodeContext> = {}): TestContext {
  const warnings: string[] = [];
  const infos: string[] = [];
  const metrics: Record<string, number> = {};
  const seed = overrides.seed ?? 0;
  const nodeId = overrides.nodeId ?? 'node';
  const step = overrides.step ?? 0;
  const backend = overrides.backend ?? 'cpu';
  if (backend === 'cpu') useCpuBackend();
  return {
    tf,
    backend,
    rng: nodeRng(seed, nodeId, step),
    seed,
    nodeId,
    stage: null,
    step,
    metric: (name, value) => { metrics[name] = value; },
    logger: { info: (message) => infos.push(message), warn: (message) => warnings.push(message) },
    runDir: null,
    recipeDir: process.cwd(),
    state: {},
    ...overrides,
    warnings,
    infos,
    metrics,
  };
}

/**
 * Runs `node` the way the executor does: `params` go through the node's zod schema first, so
 * defaults are filled in and bad values throw, then `run` gets the inputs, the parsed parameters
 * and `ctx`. The result is typed by the caller (`runNode<Promise<Rollouts>>` for async nodes).
 */
export function runNode<T = unknown>(
  node: NodeDefinition<any, any>,
  inputs: Record<string, unknown>,
  params: Record<string, unknown> = {},
  ctx: NodeContext = testContext(),
): T {
  return node.run(inputs, node.params.parse(params), ctx) as T;
}

function useCpuBackend(): void {
  if (tf.getBackend() === 'cpu') return;
  // The cpu backend initialises synchronously, so the switch is done when setBackend returns.
  void tf.setBackend('cpu');
  if (tf.getBackend() !== 'cpu') throw new Error('testContext: could not switch TensorFlow.js to the cpu backend');
}

/** The SousError `fn` throws; fails (throws) when it returns, or throws anything else. */
export function sousErrorOf(fn: () => unknown): SousError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SousError) return error;
    throw new Error(`expected a SousError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  throw new Error('expected a SousError, but nothing was thrown');
}

/**
 * What keeps `plugin`'s nodes from counting as tested, one line each (empty when nothing): every
 * node `x` must be defined in `<packageDir>/src/nodes/x.ts` (one node per file, named as the node)
 * and imported (`…/src/nodes/x.js`) by some file under `<packageDir>/test/`. A package's guard test
 * asserts the list is empty, so a node added without a test fails CI.
 */
export function untestedNodes(plugin: Plugin, packageDir: string): string[] {
  const testDir = path.join(packageDir, 'test');
  const testSources = fs.readdirSync(testDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.[cm]?[jt]s$/.test(file))
    .map((file) => fs.readFileSync(path.join(testDir, file), 'utf8'));
  const problems: string[] = [];
  for (const { name } of plugin.nodes) {
    const file = path.join(packageDir, 'src', 'nodes', `${name}.ts`);
    if (!fs.existsSync(file) || !new RegExp(`name: ['"]${name}['"]`).test(fs.readFileSync(file, 'utf8'))) {
      problems.push(`${plugin.namespace}.${name}: not defined in src/nodes/${name}.ts`);
    } else if (!testSources.some((source) => new RegExp(`/src/nodes/${name}\\.js['"]`).test(source))) {
      problems.push(`${plugin.namespace}.${name}: no file under test/ imports src/nodes/${name}.js`);
    }
  }
  return problems;
}

export { BigramModel, type BigramModelOptions } from './bigram-model.js';
