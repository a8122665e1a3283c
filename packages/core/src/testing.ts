// Helpers for testing plugin nodes without a recipe or a run (`@sous/core/testing`):
//   const ctx = testContext({ step: 3 });
//   const out = runNode<Rewards>(myReward, { rollouts }, { scale: 2 }, ctx);
//   assert.is(ctx.metrics.mean, 0.5);
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, inspect } from 'node:util';
import { parseParams, type NodeContext, type NodeDefinition, type Plugin } from './plugin.js';
import { messageError, SousError } from './errors.js';
import { KeyedMemo } from './memo.js';
import { nodeRng } from './rng.js';
import { tf } from './tf.js';
import './kit.js';

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
  const memo = new KeyedMemo();
  return {
    tf,
    backend,
    rng: nodeRng(seed, nodeId, step),
    seed,
    nodeId,
    stage: null,
    step,
    metric: (name, value) => {
      metrics[name] = value;
    },
    logger: { info: (message) => infos.push(message), warn: (message) => warnings.push(message) },
    runDir: null,
    recipeDir: process.cwd(),
    state: {},
    fail: (messageId) => {
      throw new Error(
        `testContext: ctx.fail("${messageId}") needs the node's messages; run the node with runNode or NodeTester`,
      );
    },
    memo: (keys, compute) => memo.get(keys, compute),
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
  node: NodeDefinition<any, any, any>,
  inputs: Record<string, unknown>,
  params: Record<string, unknown> = {},
  ctx: NodeContext = testContext(),
): T {
  const parsed = parseParams(node, params);
  if (!parsed.ok) throw new SousError(parsed.message, { cause: parsed.error });
  return node.run(inputs, parsed.params, withMessages(node, ctx)) as T;
}

/** `ctx` whose `fail` raises `node`'s messages, as inside the executor. */
function withMessages(node: NodeDefinition<any, any, any>, ctx: NodeContext): NodeContext {
  return {
    ...ctx,
    fail: (messageId, data) => {
      throw messageError(node.messages, messageId, data);
    },
  };
}

/** A case the node must handle: its output equals `expect` (deeply), or `check` accepts it. */
export interface ValidCase {
  name?: string;
  params?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  /** Context fields (step, seed, …) for this case. */
  context?: Partial<NodeContext>;
  expect?: unknown;
  /** Throws (e.g. a failed uvu assertion) when the output is wrong. */
  check?: (output: unknown, ctx: TestContext) => void;
}

/** A case the node must refuse: with message `messageId` (and `data`, when given), or with a
 * SousError whose message matches `error` (a parameter the schema rejects). */
export interface InvalidCase {
  name?: string;
  params?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  context?: Partial<NodeContext>;
  messageId?: string;
  data?: Record<string, unknown>;
  error?: RegExp;
}

export interface NodeTestCases {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
}

export interface NodeTestResult {
  name: string;
  /** Why the case failed; undefined when it passed. */
  failure?: string;
}

/**
 * Valid and invalid cases for one node, in the manner of ESLint's RuleTester: parameters go
 * through the node's zod schema as in the executor, a valid case's output is compared with
 * `expect` or given to `check`, and an invalid case must fail with the expected message id.
 *   await new NodeTester(batch, plugin).run({ valid: [...], invalid: [{ inputs, messageId: 'emptySet' }] });
 */
export class NodeTester {
  readonly label: string;

  constructor(
    readonly node: NodeDefinition<any, any, any>,
    plugin?: Plugin,
  ) {
    this.label = plugin ? `${plugin.namespace}.${node.name}` : node.name;
  }

  /** Runs every case; throws one Error listing the cases that failed. */
  async run(cases: NodeTestCases): Promise<void> {
    const failed = (await this.results(cases)).filter((result) => result.failure !== undefined);
    if (failed.length > 0)
      throw new Error(
        `${this.label}: ${failed.length} case(s) failed:\n${failed.map((r) => `- ${r.name}: ${r.failure}`).join('\n')}`,
      );
  }

  /** Runs every case and says, for each, whether it passed (for a test of the tester itself). */
  async results({ valid = [], invalid = [] }: NodeTestCases): Promise<NodeTestResult[]> {
    const results: NodeTestResult[] = [];
    for (const [index, testCase] of valid.entries()) {
      results.push({ name: testCase.name ?? `valid #${index + 1}`, failure: await this.validFailure(testCase) });
    }
    for (const [index, testCase] of invalid.entries()) {
      results.push({ name: testCase.name ?? `invalid #${index + 1}`, failure: await this.invalidFailure(testCase) });
    }
    return results;
  }

  private async validFailure(testCase: ValidCase): Promise<string | undefined> {
    const ctx = testContext(testCase.context);
    let output: unknown;
    try {
      output = await runNode(this.node, testCase.inputs ?? {}, testCase.params ?? {}, ctx);
    } catch (error) {
      return `threw ${describeError(error)}`;
    }
    if ('expect' in testCase && !isDeepStrictEqual(output, testCase.expect)) {
      return `returned ${inspect(output, { depth: 4 })}, expected ${inspect(testCase.expect, { depth: 4 })}`;
    }
    try {
      testCase.check?.(output, ctx);
    } catch (error) {
      return `check failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
  }

  private async invalidFailure(testCase: InvalidCase): Promise<string | undefined> {
    if (testCase.messageId !== undefined && !Object.hasOwn(this.node.messages ?? {}, testCase.messageId)) {
      return `the node declares no message "${testCase.messageId}"`;
    }
    if (testCase.messageId === undefined && testCase.error === undefined)
      return 'an invalid case needs messageId or error';
    let error: unknown;
    try {
      await runNode(this.node, testCase.inputs ?? {}, testCase.params ?? {}, testContext(testCase.context));
      return 'ran without an error';
    } catch (thrown) {
      error = thrown;
    }
    if (!(error instanceof SousError)) return `threw ${describeError(error)}, not a SousError`;
    if (testCase.messageId !== undefined && error.messageId !== testCase.messageId) {
      return `failed with ${error.messageId ? `message "${error.messageId}"` : 'no message id'} (${error.message}), expected "${testCase.messageId}"`;
    }
    if (testCase.data !== undefined && !isDeepStrictEqual(error.data, testCase.data)) {
      return `message data ${inspect(error.data)}, expected ${inspect(testCase.data)}`;
    }
    if (testCase.error !== undefined && !testCase.error.test(error.message))
      return `message "${error.message}" does not match ${testCase.error}`;
    return undefined;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
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
    throw new Error(
      `expected a SousError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
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
  const testSources = fs
    .readdirSync(testDir, { recursive: true, encoding: 'utf8' })
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
