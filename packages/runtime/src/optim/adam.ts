// Adam and AdamW with PyTorch's arithmetic (torch.optim.Adam / AdamW, non-amsgrad, non-fused):
//   AdamW only:  p ← p·(1 − lr·wd)                                  (decoupled weight decay)
//   Adam only:   g ← g + wd·p                                       (L2 penalty, wd default 0)
//   m ← β1·m + (1−β1)·g        v ← β2·v + (1−β2)·g²
//   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
import { tf } from '@sous/core';
import { SlotState, type Optimizer } from './optimizer.js';

export interface AdamOptions {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** True for AdamW (decay the weights directly), false for Adam (add wd·p to the gradient). */
  decoupled: boolean;
}

export function createAdam(variables: Map<string, tf.Variable>, options: AdamOptions): Optimizer {
  const {
    betas: [beta1, beta2],
    eps,
    weightDecay,
    decoupled,
  } = options;
  const slots = new SlotState(variables, ['m', 'v']);
  return {
    name: decoupled ? 'adamw' : 'adam',
    get steps() {
      return slots.steps;
    },
    apply(grads, lr) {
      const t = slots.advance();
      // Bias corrections in float64 on the host, as PyTorch computes them in Python floats.
      const stepSize = lr / (1 - beta1 ** t);
      const correction2Sqrt = Math.sqrt(1 - beta2 ** t);
      for (const [name, variable] of variables) {
        const grad = grads.get(name);
        if (!grad) continue;
        tf.tidy(() => {
          const m = slots.slot('m', name),
            v = slots.slot('v', name);
          let param: tf.Tensor = variable;
          let g = grad;
          if (weightDecay !== 0 && decoupled) param = tf.mul(param, 1 - lr * weightDecay);
          if (weightDecay !== 0 && !decoupled) g = tf.add(g, tf.mul(param, weightDecay));
          m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
          v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const denom = tf.add(tf.div(tf.sqrt(v), correction2Sqrt), eps);
          variable.assign(tf.sub(param, tf.mul(tf.div(m, denom), stepSize)));
        });
      }
    },
    state: () => slots.tensors(),
    loadState: (state, file) => slots.load(state, file),
    dispose: () => slots.dispose(),
  };
}
