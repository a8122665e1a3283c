// Builds an optimizer from a plan's OptimizerSpec, validating its parameters (defaults as in
// PyTorch, except AdamW's weight decay, 0.01 as in torch.optim.AdamW too).
import { z } from 'zod';
import type { OptimizerSpec } from '@sous/dsl';
import { tf, SousError } from '@sous/core';
import { createAdam } from './adam.js';
import { createSgd } from './sgd.js';
import type { Optimizer } from './optimizer.js';

const learningRate = z.number().positive();
const betas = z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.999]);
const adamParams = (weightDecay: number) =>
  z.object({ lr: learningRate, betas, eps: z.number().positive().default(1e-8), weight_decay: z.number().min(0).default(weightDecay) });
const schemas = {
  adamw: adamParams(0.01),
  adam: adamParams(0),
  sgd: z.object({ lr: learningRate, momentum: z.number().min(0).default(0), nesterov: z.boolean().default(false), weight_decay: z.number().min(0).default(0) }),
};

export const OPTIMIZER_NAMES = Object.keys(schemas);

/** The optimizer a spec names, over `variables`, and its base learning rate. */
export function createOptimizer(spec: Pick<OptimizerSpec, 'name' | 'params'> & Partial<Pick<OptimizerSpec, 'source'>>, variables: Map<string, tf.Variable>): { optimizer: Optimizer; lr: number } {
  const where = spec.source ? { file: spec.source.file, line: spec.source.line, column: spec.source.col } : {};
  if (!(spec.name in schemas)) {
    throw new SousError(`unknown optimizer "${spec.name}"`, { ...where, hint: `optimizers: ${OPTIMIZER_NAMES.join(', ')}` });
  }
  const name = spec.name as keyof typeof schemas;
  const parsed = schemas[name].safeParse(spec.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SousError(`optimizer ${name}: parameter ${issue.path.join('.') || '(all)'}: ${issue.message}`, where);
  }
  if (name === 'sgd') {
    const p = parsed.data as z.infer<typeof schemas.sgd>;
    return { optimizer: createSgd(variables, { momentum: p.momentum, nesterov: p.nesterov, weightDecay: p.weight_decay }), lr: p.lr };
  }
  const p = parsed.data as z.infer<typeof schemas.adamw>;
  const optimizer = createAdam(variables, { betas: p.betas as [number, number], eps: p.eps, weightDecay: p.weight_decay, decoupled: name === 'adamw' });
  return { optimizer, lr: p.lr };
}
