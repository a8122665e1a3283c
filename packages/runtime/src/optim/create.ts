// Builds an optimizer from a plan's OptimizerSpec, parsing its parameters with the language's own
// schemas (@sous/dsl's OPTIMIZER_PARAMS): the checker and the runtime accept the same arguments and
// fill the same defaults.
import { OPTIMIZER_PARAMS, type OptimizerSpec } from '@sous/dsl';
import { type tf, SousError } from '@sous/core';
import { createAdam } from './adam.js';
import { createSgd } from './sgd.js';
import type { Optimizer } from './optimizer.js';

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZER_PARAMS);

/** The optimizer a spec names, over `variables`, and its base learning rate. */
export function createOptimizer(
  spec: Pick<OptimizerSpec, 'name' | 'params'> & Partial<Pick<OptimizerSpec, 'source'>>,
  variables: Map<string, tf.Variable>,
): { optimizer: Optimizer; lr: number } {
  const where = spec.source ? { file: spec.source.file, line: spec.source.line, column: spec.source.col } : {};
  if (!Object.hasOwn(OPTIMIZER_PARAMS, spec.name)) {
    throw new SousError(`unknown optimizer "${spec.name}"`, {
      ...where,
      hint: `optimizers: ${OPTIMIZER_NAMES.join(', ')}`,
    });
  }
  const name = spec.name as keyof typeof OPTIMIZER_PARAMS;
  const invalid = (issue: { path: PropertyKey[]; message: string }) =>
    new SousError(`optimizer ${name}: parameter ${issue.path.join('.') || '(all)'}: ${issue.message}`, where);
  if (name === 'sgd') {
    const parsed = OPTIMIZER_PARAMS.sgd.safeParse(spec.params);
    if (!parsed.success) throw invalid(parsed.error.issues[0]);
    const p = parsed.data;
    return {
      optimizer: createSgd(variables, { momentum: p.momentum, nesterov: p.nesterov, weightDecay: p.weight_decay }),
      lr: p.lr,
    };
  }
  const parsed = OPTIMIZER_PARAMS[name].safeParse(spec.params);
  if (!parsed.success) throw invalid(parsed.error.issues[0]);
  const p = parsed.data;
  const optimizer = createAdam(variables, {
    betas: p.betas,
    eps: p.eps,
    weightDecay: p.weight_decay,
    decoupled: name === 'adamw',
  });
  return { optimizer, lr: p.lr };
}
