// Language built-ins: the closed sets of settings, optimizers, schedules and operators that every
// recipe knows without a `use`. Each is described by the same ParamSpec schema as plugin nodes, so
// one validator (check/values.ts) checks them all and `sous nodes` / the language server can
// document them.
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

const lr: ParamSpec = {
  name: 'lr', type: 'number', required: true, min: 0, minExclusive: true,
  doc: 'Peak learning rate (the schedule scales it step by step).',
};
const betas = (beta2: number): ParamSpec => ({
  name: 'betas', type: 'list', items: 'number', required: false, default: [0.9, beta2], min: 0, max: 1, maxExclusive: true,
  doc: 'Decay rates of the first and second moment estimates.',
});
const eps: ParamSpec = {
  name: 'eps', type: 'number', required: false, default: 1e-8, min: 0, minExclusive: true,
  doc: 'Added to the denominator for numerical stability.',
};
/** Which model and loss an optimizer serves; needed only when a stage has several optimizers. */
const optimizerTargets: PortSpec[] = [
  { name: 'model', type: 'Model', optional: true, doc: 'The model whose weights it updates (default: every trainable model).' },
  { name: 'loss', type: 'Loss', optional: true, doc: 'The loss it minimises (default: the stage\'s `loss`).' },
];

export const OPTIMIZERS: readonly BuiltinSignature[] = [
  {
    name: 'adamw', kind: 'optimizer', doc: 'Adam with decoupled weight decay (Loshchilov & Hutter).',
    params: [lr, betas(0.999), eps, {
      name: 'weight_decay', type: 'number', required: false, default: 0.01, min: 0,
      doc: 'Decoupled weight decay, applied as lr * weight_decay * weight.',
    }],
    inputs: optimizerTargets,
  },
  {
    name: 'adam', kind: 'optimizer', doc: 'Adam (Kingma & Ba), no weight decay.',
    params: [lr, betas(0.999), eps],
    inputs: optimizerTargets,
  },
  {
    name: 'sgd', kind: 'optimizer', doc: 'Stochastic gradient descent, optionally with (Nesterov) momentum.',
    params: [lr, {
      name: 'momentum', type: 'number', required: false, default: 0, min: 0, max: 1, maxExclusive: true,
      doc: 'Momentum coefficient (0 = plain SGD).',
    }, {
      name: 'nesterov', type: 'boolean', required: false, default: false,
      doc: 'Use Nesterov momentum.',
    }],
    inputs: optimizerTargets,
  },
];

const warmup = (required: boolean): ParamSpec => ({
  name: 'warmup', type: 'integer', dimension: 'count', required, min: 0, ...(required ? {} : { default: 0 }),
  doc: 'Steps of linear warm-up from 0 to the peak learning rate.',
});
const ratio = (name: string, doc: string): ParamSpec => ({
  name, type: 'number', dimension: 'percent', required: false, default: 0, min: 0, max: 1, doc,
});

export const SCHEDULES: readonly BuiltinSignature[] = [
  { name: 'constant', kind: 'schedule', doc: 'The peak learning rate at every step.', params: [], inputs: [] },
  { name: 'warmup', kind: 'schedule', doc: 'Linear warm-up, then constant.', params: [warmup(true)], inputs: [] },
  {
    name: 'cosine', kind: 'schedule', doc: 'Linear warm-up, then cosine decay to min_ratio * lr at the last step.',
    params: [warmup(false), ratio('min_ratio', 'Final learning rate as a fraction of the peak.')], inputs: [],
  },
  {
    name: 'linear', kind: 'schedule', doc: 'Linear warm-up, then linear decay to end_ratio * lr at the last step.',
    params: [warmup(false), ratio('end_ratio', 'Final learning rate as a fraction of the peak.')], inputs: [],
  },
];

export const DEFAULT_SCHEDULE = 'constant';

/** A setting: `name value`. Most take a literal checked against a ParamSpec; `optimizer` and
 * `schedule` take a call to a built-in. */
export type SettingSpec =
  | { name: string; form: 'value'; spec: ParamSpec; /** Unset in a stage: use the top-level value. */ inherits?: boolean }
  | { name: string; form: 'optimizer'; doc: string }
  | { name: string; form: 'schedule'; doc: string };

const onNan = (inherits: boolean): SettingSpec => ({
  name: 'on_nan', form: 'value', inherits,
  spec: {
    name: 'on_nan', type: 'enum', values: ['stop', 'skip'], required: false, ...(inherits ? {} : { default: 'stop' }),
    doc: 'What a non-finite loss or gradient does: stop the run, or skip the step.' +
      (inherits ? ' Default: the recipe\'s on_nan.' : ''),
  },
});
const count = (name: string, doc: string, extra: Partial<ParamSpec>): SettingSpec => ({
  name, form: 'value', spec: { name, type: 'integer', dimension: 'count', required: false, doc, ...extra },
});

export const TOP_LEVEL_SETTINGS: readonly SettingSpec[] = [
  { name: 'seed', form: 'value', spec: { name: 'seed', type: 'integer', required: false, default: 0, min: 0, doc: 'Seed of every random draw in the run.' } },
  onNan(false),
];

export const STAGE_SETTINGS: readonly SettingSpec[] = [
  count('steps', 'Optimizer steps the stage runs.', { required: true, min: 1 }),
  { name: 'optimizer', form: 'optimizer', doc: 'An optimizer call (adamw, adam, sgd); write one per model when a stage trains several.' },
  { name: 'schedule', form: 'schedule', doc: 'Learning-rate schedule (constant, warmup, cosine, linear). Default: constant().' },
  { name: 'clip_grad_norm', form: 'value', spec: { name: 'clip_grad_norm', type: 'number', required: false, min: 0, minExclusive: true, doc: 'Rescale gradients whose global norm exceeds this.' } },
  { name: 'accumulate', form: 'value', spec: { name: 'accumulate', type: 'integer', required: false, default: 1, min: 1, doc: 'Micro-batches whose gradients are summed per optimizer step.' } },
  onNan(true),
  count('log_every', 'Steps between metric records.', { default: 1, min: 1 }),
  count('checkpoint_every', 'Steps between checkpoints (0: only at the end of the stage).', { default: 0, min: 0 }),
];

/** `eval every N { ... }`: N is a count of steps. */
export const EVAL_EVERY: ParamSpec = {
  name: 'every', type: 'integer', dimension: 'count', required: true, min: 1, doc: 'Steps between evaluations.',
};

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
