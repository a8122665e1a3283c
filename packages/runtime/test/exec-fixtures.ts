// A tiny plugin (a linear model, a data node, an MSE loss and friends) and a hand-built Plan
// builder, shared by the exec and train tests. Not a test file itself.
import { z } from 'zod';
import type { Edge, Plan, PlanNode, PlanStage, PortType, Value } from '@sous/dsl';
import { definePlugin, defineNode, type Plugin, type Trainable, tf } from '@sous/core';

export interface Samples {
  kind: 'samples';
  size: number;
  inputs: number;
  x: Float32Array;
  y: Float32Array;
}

class LinearModel implements Trainable {
  readonly kind = 'model';
  constructor(
    readonly weight: tf.Variable,
    readonly bias: tf.Variable,
    readonly trainable: boolean,
  ) {}
  namedVariables(): Map<string, tf.Variable> {
    return new Map([
      ['weight', this.weight],
      ['bias', this.bias],
    ]);
  }
  predict(x: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(tf.add(tf.matMul(x, tf.reshape(this.weight, [-1, 1])), this.bias), [-1]);
  }
}

function mse(model: LinearModel, data: Samples): tf.Scalar {
  const x = tf.tensor2d(data.x, [data.size, data.inputs]);
  return tf.mean(tf.square(tf.sub(model.predict(x), tf.tensor1d(data.y))));
}

export const fixturePlugin: Plugin = definePlugin({
  namespace: 'fixture',
  package: '@sous/fixture',
  nodes: [
    defineNode({
      name: 'linear',
      kind: 'model',
      doc: 'y = w·x + b; weights from `init` or drawn from the rng.',
      output: 'Model',
      inputs: {},
      params: z.object({ inputs: z.number().int().min(1).default(2), init: z.array(z.number()).optional() }),
      run(_inputs, params, ctx) {
        const values = params.init ?? Array.from({ length: params.inputs + 1 }, () => 0.1 * ctx.rng.normal());
        return new LinearModel(
          tf.variable(tf.tensor1d(values.slice(0, -1))),
          tf.variable(tf.scalar(values[values.length - 1])),
          true,
        );
      },
    }),
    defineNode({
      name: 'frozen',
      kind: 'model',
      doc: 'A non-trainable copy.',
      output: 'Model',
      inputs: { model: 'Model' },
      params: z.object({}),
      run: ({ model }: { model: LinearModel }) =>
        new LinearModel(tf.variable(model.weight, false), tf.variable(model.bias, false), false),
    }),
    defineNode({
      name: 'data',
      kind: 'sampler',
      doc: 'random: y = 2x₀ − x₁ + 0.5 + noise; step: one row [step+1, 1] → step; fixed: [[1,2],[3,4]] → [1,2].',
      output: 'Samples',
      inputs: {},
      params: z.object({
        size: z.number().int().min(1).default(4),
        mode: z.enum(['random', 'step', 'fixed']).default('random'),
      }),
      run(_inputs, params, ctx): Samples {
        if (params.mode === 'fixed')
          return {
            kind: 'samples',
            size: 2,
            inputs: 2,
            x: new Float32Array([1, 2, 3, 4]),
            y: new Float32Array([1, 2]),
          };
        if (params.mode === 'step')
          return {
            kind: 'samples',
            size: 1,
            inputs: 2,
            x: new Float32Array([ctx.step + 1, 1]),
            y: new Float32Array([ctx.step]),
          };
        const x = new Float32Array(params.size * 2),
          y = new Float32Array(params.size);
        for (let i = 0; i < params.size; i++) {
          x[2 * i] = ctx.rng.normal();
          x[2 * i + 1] = ctx.rng.normal();
          y[i] = 2 * x[2 * i] - x[2 * i + 1] + 0.5 + 0.1 * ctx.rng.normal();
        }
        ctx.metric('y_mean', y.reduce((a, b) => a + b, 0) / params.size);
        return { kind: 'samples', size: params.size, inputs: 2, x, y };
      },
    }),
    defineNode({
      name: 'mse',
      kind: 'loss',
      doc: 'Mean squared error.',
      output: 'Loss',
      inputs: { model: 'Model', data: 'Samples' },
      params: z.object({}),
      run: ({ model, data }: { model: LinearModel; data: Samples }) => mse(model, data),
    }),
    defineNode({
      name: 'nan_at',
      kind: 'loss',
      doc: 'MSE, times NaN at one step.',
      output: 'Loss',
      inputs: { model: 'Model', data: 'Samples' },
      params: z.object({ step: z.number().int() }),
      run: ({ model, data }: { model: LinearModel; data: Samples }, params, ctx) =>
        ctx.step === params.step ? tf.mul(mse(model, data), NaN) : mse(model, data),
    }),
    defineNode({
      name: 'bad_grad',
      kind: 'loss',
      doc: 'A finite loss (0) whose gradient is NaN: 0·√(w − w).',
      output: 'Loss',
      inputs: { model: 'Model' },
      params: z.object({}),
      run: ({ model }: { model: LinearModel }) => tf.sum(tf.mul(0, tf.sqrt(tf.sub(model.weight, model.weight)))),
    }),
    defineNode({
      name: 'async_loss',
      kind: 'loss',
      doc: 'Wrongly async.',
      output: 'Loss',
      inputs: { model: 'Model' },
      params: z.object({}),
      run: async ({ model }: { model: LinearModel }) => tf.sum(model.weight),
    }),
    defineNode({
      name: 'targets',
      kind: 'reward',
      doc: 'The targets as Rewards; reports their mean.',
      output: 'Rewards',
      inputs: { data: 'Samples' },
      params: z.object({}),
      run({ data }: { data: Samples }, _params, ctx) {
        ctx.metric('mean', data.y.reduce((a, b) => a + b, 0) / data.size);
        return data.y;
      },
    }),
    defineNode({
      name: 'report',
      kind: 'metric',
      doc: 'Reports `value` as metric `mean`.',
      output: { type: 'Any', why: 'it returns nothing; it only records a metric' },
      inputs: { values: 'Rewards' },
      params: z.object({}),
      run({ values }: { values: Float32Array }, _params, ctx) {
        ctx.metric('mean', values.reduce((a, b) => a + b, 0) / values.length);
        return null;
      },
    }),
    defineNode({
      name: 'eval_mse',
      kind: 'eval',
      doc: 'MSE on fixed data.',
      output: 'Metrics',
      inputs: { model: 'Model' },
      params: z.object({}),
      run: async ({ model }: { model: LinearModel }) => {
        const loss = tf.tidy(() =>
          mse(model, {
            kind: 'samples',
            size: 2,
            inputs: 2,
            x: new Float32Array([1, 2, 3, 4]),
            y: new Float32Array([1, 2]),
          }),
        );
        const value = (await loss.data())[0];
        loss.dispose();
        return { mse: value };
      },
    }),
    defineNode({
      name: 'fail',
      kind: 'sampler',
      doc: 'Throws a plain Error.',
      output: 'Samples',
      inputs: {},
      params: z.object({}),
      run: () => {
        throw new Error('disk on fire');
      },
    }),
  ],
});

// ---- hand-built plans

let nextLine = 1;

type EdgeRef = string | { node: string; member?: string; type?: PortType };

export interface NodeOptions {
  kind?: string;
  stage?: string | null;
  binding?: string;
  params?: Record<string, Value>;
  inputs?: Record<string, EdgeRef>;
  output?: PortType;
}

/** A plan node; `op` defaults its kind and output from the fixture plugin. */
export function node(id: string, op: string, options: NodeOptions = {}): PlanNode {
  const definition = fixturePlugin.nodes.find((n) => `fixture.${n.name}` === op);
  const inputs: Record<string, Edge> = {};
  for (const [port, ref] of Object.entries(options.inputs ?? {})) {
    inputs[port] =
      typeof ref === 'string'
        ? { node: ref, type: 'Any' }
        : { node: ref.node, member: ref.member, type: ref.type ?? 'Any' };
  }
  const dot = id.indexOf('.');
  return {
    id,
    op,
    kind: options.kind ?? definition?.kind ?? 'op',
    stage: options.stage !== undefined ? options.stage : dot > 0 ? id.slice(0, dot) : null,
    binding: options.binding ?? (id.includes('$') ? undefined : id.slice(dot + 1)),
    params: options.params ?? {},
    inputs,
    output: options.output ?? (definition?.output as PortType) ?? 'Any',
    source: { file: 'fixture.recipe', line: nextLine++, col: 3 },
  };
}

export function stage(name: string, nodes: PlanNode[], options: Partial<PlanStage> = {}): PlanStage {
  const evalIds = new Set((options.evals ?? []).flatMap((e) => e.nodes));
  return {
    name,
    steps: 5,
    optimizers: [
      {
        name: 'sgd',
        params: { lr: 0.1 },
        loss: null,
        model: null,
        source: { file: 'fixture.recipe', line: 99, col: 3 },
      },
    ],
    schedule: { name: 'constant', params: {} },
    loss: nodes.some((n) => n.id === `${name}.loss`) ? `${name}.loss` : null,
    settings: {},
    nodes: nodes.map((n) => n.id).filter((id) => !evalIds.has(id)),
    evals: [],
    ...options,
  };
}

export function plan(nodes: PlanNode[], stages: PlanStage[], settings: Record<string, Value> = {}): Plan {
  return {
    version: 1,
    recipe: 'fixture',
    file: 'fixture.recipe',
    uses: [{ package: '@sous/fixture', namespace: 'fixture' }],
    settings: { seed: 0, on_nan: 'stop', ...settings },
    nodes,
    stages,
    hash: 'fixture',
  };
}

/** The usual recipe: a linear model fitted to random data by MSE. */
export function regressionPlan(stageOptions: Partial<PlanStage> = {}, dataParams: Record<string, Value> = {}): Plan {
  const top = [node('model', 'fixture.linear')];
  const nodes = [
    node('fit.batch', 'fixture.data', { params: dataParams }),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  return plan([...top, ...nodes], [stage('fit', nodes, stageOptions)]);
}
