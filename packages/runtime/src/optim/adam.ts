// Adam and AdamW with PyTorch's arithmetic (torch.optim.Adam / AdamW, non-amsgrad, non-fused):
//   AdamW only:  p ← p·(1 − lr·wd)                                  (decoupled weight decay)
//   Adam only:   g ← g + wd·p                                       (L2 penalty, wd default 0)
//   m ← β1·m + (1−β1)·g        v ← β2·v + (1−β2)·g²
//   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
// Two implementations of the same float32 arithmetic: a chain of tensor ops per variable (any
// backend), and, where tensors live in this process's memory (wasm, native, cpu), one JavaScript
// loop per variable that rounds every intermediate to float32 exactly as those ops do (Math.fround
// after each +, −, ×, ÷, √), so both give bit-identical weights and moments. The loop replaces a
// small step's ~13 kernels and ~5 scalar tensors per variable (a third of a small MLP's step).
import { tf } from '@sous/core';
import { SlotState, type Optimizer } from './optimizer.js';

export interface AdamOptions {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** True for AdamW (decay the weights directly), false for Adam (add wd·p to the gradient). */
  decoupled: boolean;
  /** Where the update runs: "host" (the JavaScript loop; only where tensors live in host memory),
   * "device" (tensor ops), or "auto" (default: host on the wasm, native and cpu backends). */
  updateOn?: 'auto' | 'host' | 'device';
}

/** True where a tensor's data lives in this process's memory, so reading it is a copy, not a
 * device transfer: TensorFlow.js's wasm backend (sous's wasm and native) and cpu backend. */
export function tensorsOnHost(): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu';
}

/** The update's constants, rounded to float32 as the tensor ops see them (a JavaScript number
 * operand becomes a float32 scalar tensor). */
interface Step {
  /** 1 − lr·wd (AdamW), or 1. */
  keep: number;
  /** wd (Adam's L2 penalty), or 0. */
  penalty: number;
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  correction2Sqrt: number;
  eps: number;
  stepSize: number;
}

const f32 = Math.fround;

/** One variable's update in place on float32 copies of the weights, gradient and moments. */
function updateOnHost(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, s: Step): void {
  const decay = s.keep !== 1,
    l2 = s.penalty !== 0;
  for (let i = 0; i < param.length; i++) {
    let p = param[i],
      g = grad[i];
    if (decay) p = f32(p * s.keep);
    if (l2) g = f32(g + f32(param[i] * s.penalty));
    const mi = f32(f32(m[i] * s.beta1) + f32(g * s.oneMinusBeta1));
    const vi = f32(f32(v[i] * s.beta2) + f32(f32(g * g) * s.oneMinusBeta2));
    const denom = f32(f32(f32(Math.sqrt(vi)) / s.correction2Sqrt) + s.eps);
    m[i] = mi;
    v[i] = vi;
    param[i] = f32(p - f32(f32(mi / denom) * s.stepSize));
  }
}

export function createAdam(variables: Map<string, tf.Variable>, options: AdamOptions): Optimizer {
  const {
    betas: [beta1, beta2],
    eps,
    weightDecay,
    decoupled,
    updateOn = 'auto',
  } = options;
  const slots = new SlotState(variables, ['m', 'v']);

  /** The update as tensor ops, for one variable. */
  const updateOnDevice = (
    variable: tf.Variable,
    grad: tf.Tensor,
    m: tf.Variable,
    v: tf.Variable,
    lr: number,
    stepSize: number,
    correction2Sqrt: number,
  ) =>
    tf.tidy(() => {
      let param: tf.Tensor = variable;
      let g = grad;
      if (weightDecay !== 0 && decoupled) param = tf.mul(param, 1 - lr * weightDecay);
      if (weightDecay !== 0 && !decoupled) g = tf.add(g, tf.mul(param, weightDecay));
      m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
      v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const denom = tf.add(tf.div(tf.sqrt(v), correction2Sqrt), eps);
      variable.assign(tf.sub(param, tf.mul(tf.div(m, denom), stepSize)));
    });

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
      const onHost = updateOn === 'host' || (updateOn === 'auto' && tensorsOnHost());
      const step: Step = {
        keep: f32(weightDecay !== 0 && decoupled ? 1 - lr * weightDecay : 1),
        penalty: f32(weightDecay !== 0 && !decoupled ? weightDecay : 0),
        beta1: f32(beta1),
        oneMinusBeta1: f32(1 - beta1),
        beta2: f32(beta2),
        oneMinusBeta2: f32(1 - beta2),
        correction2Sqrt: f32(correction2Sqrt),
        eps: f32(eps),
        stepSize: f32(stepSize),
      };
      for (const [name, variable] of variables) {
        const grad = grads.get(name);
        if (!grad) continue;
        const m = slots.slot('m', name),
          v = slots.slot('v', name);
        if (!onHost || variable.dtype !== 'float32' || grad.dtype !== 'float32') {
          updateOnDevice(variable, grad, m, v, lr, stepSize, correction2Sqrt);
          continue;
        }
        // Copies (the cpu backend's dataSync returns its own storage): updated, then handed back.
        const param = new Float32Array(variable.dataSync()),
          mHost = new Float32Array(m.dataSync()),
          vHost = new Float32Array(v.dataSync());
        updateOnHost(param, grad.dataSync() as Float32Array, mHost, vHost, step);
        tf.tidy(() => {
          m.assign(tf.tensor(mHost, m.shape, 'float32'));
          v.assign(tf.tensor(vHost, v.shape, 'float32'));
          variable.assign(tf.tensor(param, variable.shape, 'float32'));
        });
      }
    },
    state: () => slots.tensors(),
    loadState: (state, file) => slots.load(state, file),
    dispose: () => slots.dispose(),
  };
}
