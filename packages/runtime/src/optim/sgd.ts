// SGD with momentum, PyTorch's arithmetic (torch.optim.SGD, dampening 0):
//   g ← g + wd·p
//   b ← μ·b + g                 (b starts at 0, so the first step gives b = g as in PyTorch)
//   g ← g + μ·b  (nesterov)  or  g ← b
//   p ← p − lr·g
import { tf } from '@sous/core';
import { SlotState, type Optimizer } from './optimizer.js';

export interface SgdOptions {
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

export function createSgd(variables: Map<string, tf.Variable>, options: SgdOptions): Optimizer {
  const { momentum, nesterov, weightDecay } = options;
  const slots = new SlotState(variables, momentum !== 0 ? ['momentum'] : []);
  return {
    name: 'sgd',
    get steps() {
      return slots.steps;
    },
    apply(grads, lr) {
      slots.advance();
      for (const [name, variable] of variables) {
        const grad = grads.get(name);
        if (!grad) continue;
        tf.tidy(() => {
          let g = grad;
          if (weightDecay !== 0) g = tf.add(g, tf.mul(variable, weightDecay));
          if (momentum !== 0) {
            const buffer = slots.slot('momentum', name);
            buffer.assign(tf.add(tf.mul(buffer, momentum), g));
            g = nesterov ? tf.add(g, tf.mul(buffer, momentum)) : buffer;
          }
          variable.assign(tf.sub(variable, tf.mul(g, lr)));
        });
      }
    },
    state: () => slots.tensors(),
    loadState: (state, file) => slots.load(state, file),
    dispose: () => slots.dispose(),
  };
}
