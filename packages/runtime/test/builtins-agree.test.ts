// The checker and the runtime agree on every built-in: for each optimizer and schedule argument,
// and each setting, a pool of probe values goes through `sous check` (a whole recipe, checked and
// compiled) and through the runtime (createOptimizer / createSchedule; for settings, the schema the
// checker's spec is derived from). Both accept or both reject each value, and what the compiler
// hands the runtime (given values plus the checker's defaults) is what the runtime parses out of
// the given values alone: the defaults agree.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import {
  checkAndCompile,
  isError,
  OPTIMIZER_PARAMS,
  parse,
  OPTIMIZERS,
  SCHEDULE_PARAMS,
  SCHEDULES,
  STAGE_SETTINGS,
  STAGE_SETTINGS_PARAMS,
  TOP_LEVEL_SETTINGS,
  TOP_LEVEL_SETTINGS_PARAMS,
  type BuiltinSignature,
  type ParamSpec,
  type Plan,
  type Value,
} from '@sous/dsl';
import { defineNode, definePlugin, registryFromPlugins, tf } from '@sous/core';
import { createOptimizer } from '../src/optim/create.js';
import { createSchedule } from '../src/optim/schedule.js';

await tf.setBackend('cpu');

const registry = registryFromPlugins([
  definePlugin({
    namespace: 'probe',
    package: 'probe',
    nodes: [
      defineNode({
        name: 'loss',
        kind: 'loss',
        doc: 'A loss.',
        params: z.object({}),
        inputs: {},
        output: 'Loss',
        run: () => 0,
      }),
    ],
  }),
]);

/** A recipe whose only variable part is `top` (top-level settings) and `stage` (stage settings). */
function recipe(top: string, stage: string): string {
  return `sous 1\nrecipe "probe"\nuse "probe"\n${top}\nstage s {\n  loss = probe.loss()\n${stage}\n}\n`;
}

/** The plan `sous check` compiles, or undefined when it reports an error. */
function checked(source: string): Plan | undefined {
  const parsed = parse(source, 'probe.recipe');
  if (parsed.diagnostics.length) throw new Error(`probe recipe does not parse:\n${source}`);
  const { diagnostics, plan } = checkAndCompile(source, 'probe.recipe', registry, parsed);
  return diagnostics.some(isError) ? undefined : plan;
}

/** A JSON value as recipe text. */
function literal(value: Value): string {
  return Array.isArray(value)
    ? `[${value.map(literal).join(', ')}]`
    : typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);
}

const OTHER_TYPES: Value[] = ['x', true];
const NUMBERS = [-1, -1e-9, 0, 1e-9, 0.5, 0.9, 1 - 1e-9, 1, 1 + 1e-9, 1.5, 2, 7, 1e9];

/** Values around every bound the spec declares, a fixed pool of numbers, and values of other types. */
function probes(spec: ParamSpec): Value[] {
  const near = [spec.min, spec.max].flatMap((bound) =>
    bound === undefined ? [] : [bound - 1e-6, bound, bound + 1e-6],
  );
  switch (spec.type) {
    case 'number':
    case 'integer':
      return [...NUMBERS, ...near, ...OTHER_TYPES];
    case 'boolean':
      return [true, false, 1, 'true'];
    case 'enum':
      return [...(spec.values ?? []), 'nope', 1];
    case 'string':
      return ['x', 1];
    case 'list':
      return [[], [0.5], [0.9, 0.99], [0.9, 1], [-0.1, 0.5], [0.5, 0.5, 0.5], [0.5, 'x'], 0.9];
  }
}

/** The minimal arguments a built-in needs (its required parameters, each at a valid value). */
function requiredArgs(builtin: BuiltinSignature): Record<string, Value> {
  return Object.fromEntries(
    builtin.params.filter((p) => p.required).map((p) => [p.name, p.type === 'integer' ? 1 : 0.1]),
  );
}

/** Every argument set to probe: each parameter at each probe value, each required one left out,
 * and an argument the built-in does not have. */
function argumentSets(builtin: BuiltinSignature): Record<string, Value>[] {
  const base = requiredArgs(builtin);
  const sets = [base, { ...base, bogus: 1 }];
  for (const spec of builtin.params) {
    for (const value of probes(spec)) sets.push({ ...base, [spec.name]: value });
    if (spec.required) sets.push(Object.fromEntries(Object.entries(base).filter(([name]) => name !== spec.name)));
  }
  return sets;
}

function call(name: string, args: Record<string, Value>): string {
  return `${name}(${Object.entries(args)
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(', ')})`;
}

/** The runtime's verdict: the error it throws, or undefined when it accepts. */
function runtimeError(make: () => unknown): string | undefined {
  try {
    make();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function agree(what: string, plan: Plan | undefined, runtime: string | undefined): void {
  assert.is(
    plan !== undefined,
    runtime === undefined,
    `${what}: checker ${plan ? 'accepts' : 'rejects'}, runtime ${runtime === undefined ? 'accepts' : `rejects (${runtime})`}`,
  );
}

test('optimizers: checker and runtime accept the same arguments and fill the same defaults', () => {
  let accepted = 0;
  for (const optimizer of OPTIMIZERS) {
    const schema = OPTIMIZER_PARAMS[optimizer.name as keyof typeof OPTIMIZER_PARAMS];
    for (const args of argumentSets(optimizer)) {
      const plan = checked(recipe('', `  steps 1\n  optimizer ${call(optimizer.name, args)}`));
      const runtime = runtimeError(() =>
        createOptimizer({ name: optimizer.name, params: args }, new Map()).optimizer.dispose(),
      );
      agree(`optimizer ${call(optimizer.name, args)}`, plan, runtime);
      if (!plan) continue;
      accepted += 1;
      assert.equal(
        plan.stages[0].optimizers[0].params,
        schema.parse(args),
        `defaults of ${call(optimizer.name, args)}`,
      );
    }
  }
  assert.ok(accepted > 20, `only ${accepted} accepted probes: the probe recipe is broken`);
});

test('schedules: checker and runtime accept the same arguments and fill the same defaults', () => {
  for (const schedule of SCHEDULES) {
    const schema = SCHEDULE_PARAMS[schedule.name as keyof typeof SCHEDULE_PARAMS];
    for (const args of argumentSets(schedule)) {
      const plan = checked(recipe('', `  steps 10\n  optimizer sgd(lr: 1)\n  schedule ${call(schedule.name, args)}`));
      const runtime = runtimeError(() => createSchedule({ name: schedule.name, params: args }, 10));
      agree(`schedule ${call(schedule.name, args)}`, plan, runtime);
      if (plan)
        assert.equal(plan.stages[0].schedule.params, schema.parse(args), `defaults of ${call(schedule.name, args)}`);
    }
  }
});

test('settings: the checker accepts exactly what their schemas accept, with the same defaults', () => {
  const levels = [
    {
      specs: TOP_LEVEL_SETTINGS,
      schema: TOP_LEVEL_SETTINGS_PARAMS,
      resolved: (plan: Plan) => plan.settings,
      write: (line: string) => recipe(line, '  steps 1\n  optimizer sgd(lr: 1)'),
    },
    {
      specs: STAGE_SETTINGS,
      schema: STAGE_SETTINGS_PARAMS,
      resolved: (plan: Plan) => plan.stages[0].settings,
      write: (line: string) =>
        recipe('', `  optimizer sgd(lr: 1)\n  ${line}${line.startsWith('steps ') ? '' : '\n  steps 1'}`),
    },
  ];
  for (const { specs, schema, resolved, write } of levels) {
    for (const setting of specs) {
      if (setting.form !== 'value') continue;
      const field = schema.shape[setting.name as keyof typeof schema.shape] as z.ZodType;
      for (const value of probes(setting.spec)) {
        const line = `${setting.name} ${literal(value)}`;
        const parsed = field.safeParse(value);
        agree(`setting \`${line}\``, checked(write(line)), parsed.success ? undefined : parsed.error.issues[0].message);
      }
      if (setting.spec.required) continue;
      const unset = checked(write(''))!;
      // An inherited stage setting left unset takes the top level's value (its default here).
      const expected = setting.inherits ? unset.settings[setting.name] : field.parse(undefined);
      assert.equal(resolved(unset)[setting.name], expected, `default of ${setting.name}`);
    }
  }
});

test('sgd takes weight_decay in the checker and the runtime alike', () => {
  assert.ok(checked(recipe('', '  steps 1\n  optimizer sgd(lr: 0.1, weight_decay: 0.1)')));
  const variable = tf.variable(tf.tensor1d([2]));
  const { optimizer, lr } = createOptimizer(
    { name: 'sgd', params: { lr: 0.1, weight_decay: 0.1 } },
    new Map([['p', variable]]),
  );
  const grad = tf.tensor1d([1]);
  optimizer.apply(new Map([['p', grad]]), lr);
  // p − lr·(g + wd·p) = 2 − 0.1·(1 + 0.1·2) = 1.88
  assert.ok(Math.abs(variable.dataSync()[0] - 1.88) < 1e-6, `sgd weight decay gave ${variable.dataSync()[0]}`);
  tf.dispose([variable, grad]);
  optimizer.dispose();
});

test.run();
