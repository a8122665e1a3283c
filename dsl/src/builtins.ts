// Language built-ins: the closed sets of settings, optimizers, schedules and operators that every
// recipe knows without a `use`. Settings, optimizers and schedules are zod schemas, written the way
// plugin node params are, and become ParamSpecs through the same conversion (param-specs.ts): the
// checker, the compiler, `sous nodes` and the language server read the specs, and the runtime
// (optimizers, schedules) parses its arguments with the very same schemas.
import { z } from 'zod';
import { paramSpecs } from './param-specs.js';
import type { ParamSpec, PortSpec, PortType } from './registry.js';

/** Language versions this checker understands (`sous 1`). */
export const SUPPORTED_VERSIONS: readonly number[] = [1];

/** A built-in callable written inside a stage setting: `optimizer adamw(lr: 3e-4)`. */
export interface BuiltinSignature {
  name: string;
  kind: 'optimizer' | 'schedule';
  doc: string;
  params: ParamSpec[];
  /** Reference arguments (`model:`, `loss:`), checked like a node's input ports. */
  inputs: PortSpec[];
}

const lr = z.number().positive().describe('Peak learning rate (the schedule scales it step by step).');
const moment = z.number().min(0).lt(1);
const betas = (beta2: number) =>
  z.tuple([moment, moment]).default([0.9, beta2]).describe('Decay rates of the first and second moment estimates.');
const eps = z.number().positive().default(1e-8).describe('Added to the denominator for numerical stability.');
const l2Penalty = z.number().min(0).default(0).describe('L2 penalty: weight_decay * weight is added to the gradient.');

/** Optimizer arguments, defaults as in PyTorch's torch.optim (AdamW's weight decay 0.01 too).
 * Strict: the runtime rejects an argument the checker would call unknown. */
export const OPTIMIZER_PARAMS = {
  adamw: z
    .strictObject({
      lr,
      betas: betas(0.999),
      eps,
      weight_decay: z
        .number()
        .min(0)
        .default(0.01)
        .describe('Decoupled weight decay, applied as lr * weight_decay * weight.'),
    })
    .describe('Adam with decoupled weight decay (Loshchilov & Hutter).'),
  adam: z
    .strictObject({ lr, betas: betas(0.999), eps, weight_decay: l2Penalty })
    .describe('Adam (Kingma & Ba); its weight_decay is an L2 penalty on the gradient (adamw decouples it).'),
  sgd: z
    .strictObject({
      lr,
      momentum: z.number().min(0).lt(1).default(0).describe('Momentum coefficient (0 = plain SGD).'),
      nesterov: z.boolean().default(false).describe('Use Nesterov momentum.'),
      weight_decay: l2Penalty,
    })
    .describe('Stochastic gradient descent, optionally with (Nesterov) momentum.'),
};

const warmupSteps = z
  .int()
  .min(0)
  .meta({ dimension: 'count' })
  .describe('Steps of linear warm-up from 0 to the peak learning rate.');
const finalRatio = z
  .number()
  .min(0)
  .max(1)
  .meta({ dimension: 'percent' })
  .default(0)
  .describe('Final learning rate as a fraction of the peak.');

/** Learning-rate schedule arguments (the runtime's optim/schedule.ts has the formulas). */
export const SCHEDULE_PARAMS = {
  constant: z.strictObject({}).describe('The peak learning rate at every step.'),
  warmup: z.strictObject({ warmup: warmupSteps }).describe('Linear warm-up, then constant.'),
  cosine: z
    .strictObject({ warmup: warmupSteps.default(0), min_ratio: finalRatio })
    .describe('Linear warm-up, then cosine decay to min_ratio * lr at the last step.'),
  linear: z
    .strictObject({ warmup: warmupSteps.default(0), end_ratio: finalRatio })
    .describe('Linear warm-up, then linear decay to end_ratio * lr at the last step.'),
};

/** Which model and loss an optimizer serves; needed only when a stage has several optimizers. */
const optimizerTargets: PortSpec[] = [
  {
    name: 'model',
    type: 'Model',
    optional: true,
    doc: 'The model whose weights it updates (default: every trainable model).',
  },
  { name: 'loss', type: 'Loss', optional: true, doc: "The loss it minimises (default: the stage's `loss`)." },
];

function signatures(
  kind: BuiltinSignature['kind'],
  schemas: Record<string, z.ZodObject>,
  inputs: PortSpec[],
): BuiltinSignature[] {
  return Object.entries(schemas).map(([name, schema]) => ({
    name,
    kind,
    doc: schema.description ?? '',
    params: paramSpecs(schema, (param) => `${kind} ${name}${param ? `, parameter "${param}"` : ''}`),
    inputs,
  }));
}

export const OPTIMIZERS: readonly BuiltinSignature[] = signatures('optimizer', OPTIMIZER_PARAMS, optimizerTargets);
export const SCHEDULES: readonly BuiltinSignature[] = signatures('schedule', SCHEDULE_PARAMS, []);

export const DEFAULT_SCHEDULE = 'constant';

/** A setting: `name value`. Most take a literal checked against a ParamSpec; `optimizer` and
 * `schedule` take a call to a built-in. */
export type SettingSpec =
  | {
      name: string;
      form: 'value';
      spec: ParamSpec /** Unset in a stage: use the top-level value. */;
      inherits?: boolean;
    }
  | { name: string; form: 'optimizer'; doc: string }
  | { name: string; form: 'schedule'; doc: string };

const onNan = z.enum(['stop', 'skip']);
const onNanDoc = 'What a non-finite loss or gradient does: stop the run, or skip the step.';
const count = z.int().meta({ dimension: 'count' });

/** Settings written at the top of a recipe, in the order editors list them. */
export const TOP_LEVEL_SETTINGS_PARAMS = z.object({
  seed: z.int().min(0).default(0).describe('Seed of every random draw in the run.'),
  on_nan: onNan.default('stop').describe(onNanDoc),
});

/** Settings written in a stage that take a value (`optimizer` and `schedule` take calls). */
export const STAGE_SETTINGS_PARAMS = z.object({
  steps: count.min(1).describe('Optimizer steps the stage runs.'),
  clip_grad_norm: z.number().positive().optional().describe('Rescale gradients whose global norm exceeds this.'),
  accumulate: z.int().min(1).default(1).describe('Micro-batches whose gradients are summed per optimizer step.'),
  on_nan: onNan.optional().describe(`${onNanDoc} Default: the recipe's on_nan.`),
  log_every: count.min(1).default(1).describe('Steps between metric records.'),
  checkpoint_every: count.min(0).default(0).describe('Steps between checkpoints (0: only at the end of the stage).'),
});

/** Stage settings that, unset, take the top-level setting of the same name. */
const INHERITED_SETTINGS: readonly string[] = ['on_nan'];

function valueSettings(schema: z.ZodObject, level: string): SettingSpec[] {
  return paramSpecs(schema, (param) => `${level} setting${param ? ` "${param}"` : 's'}`).map((spec) => ({
    name: spec.name,
    form: 'value',
    spec,
    ...(INHERITED_SETTINGS.includes(spec.name) && level === 'stage' ? { inherits: true } : {}),
  }));
}

export const TOP_LEVEL_SETTINGS: readonly SettingSpec[] = valueSettings(TOP_LEVEL_SETTINGS_PARAMS, 'top-level');

const [stepsSetting, ...otherStageSettings] = valueSettings(STAGE_SETTINGS_PARAMS, 'stage');
export const STAGE_SETTINGS: readonly SettingSpec[] = [
  stepsSetting,
  {
    name: 'optimizer',
    form: 'optimizer',
    doc: `An optimizer call (${OPTIMIZERS.map((o) => o.name).join(', ')}); write one per model when a stage trains several.`,
  },
  {
    name: 'schedule',
    form: 'schedule',
    doc: `Learning-rate schedule (${SCHEDULES.map((o) => o.name).join(', ')}). Default: ${DEFAULT_SCHEDULE}().`,
  },
  ...otherStageSettings,
];

/** `eval every N { ... }`: N is a count of steps. */
export const EVAL_EVERY: ParamSpec = paramSpecs(
  z.object({ every: count.min(1).describe('Steps between evaluations.') }),
  () => '`eval every`',
)[0];

/** A built-in operator: the plan op it compiles to and the operand types it accepts (both
 * operands of a binary operator have the same type, which is also the result's). */
export interface OperatorSpec {
  op: string;
  types: readonly PortType[];
  /** Input port names of the op node, in operand order. */
  inputs: readonly string[];
}

export const BINARY_OPERATORS: Readonly<Record<'+' | '-' | '&' | '|', OperatorSpec>> = {
  '+': { op: 'core.add', types: ['Loss', 'Rewards'], inputs: ['a', 'b'] },
  '-': { op: 'core.sub', types: ['Loss', 'Rewards'], inputs: ['a', 'b'] },
  '&': { op: 'core.and', types: ['Mask'], inputs: ['a', 'b'] },
  '|': { op: 'core.or', types: ['Mask'], inputs: ['a', 'b'] },
};
/** `0.04 * kl`, `kl * 0.04` and `-kl` (factor -1): a number times a value. */
export const SCALE_OPERATOR: OperatorSpec = { op: 'core.scale', types: ['Loss', 'Rewards'], inputs: ['x'] };
export const NOT_OPERATOR: OperatorSpec = { op: 'core.not', types: ['Mask'], inputs: ['x'] };
/** A literal passed to an input port (`weight: 0.5` where the port is a Number). */
export const CONST_OP = 'core.const';
/** The `kind` of every built-in operator node in a plan. */
export const OPERATOR_KIND = 'op';
