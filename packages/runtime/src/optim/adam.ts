// Adam and AdamW with PyTorch's arithmetic (torch.optim.Adam / AdamW, non-amsgrad, non-fused):
//   AdamW only:  p ← p·(1 − lr·wd)                                  (decoupled weight decay)
//   Adam only:   g ← g + wd·p                                       (L2 penalty, wd default 0)
//   m ← β1·m + (1−β1)·g        v ← β2·v + (1−β2)·g²
//   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
// Three implementations of the same float32 arithmetic: a chain of tensor ops per variable (any
// backend); where tensors live in this process's memory (wasm, native, cpu), one JavaScript
// loop per variable over the weights' and moments' own storage (the moments in place), that rounds every
// intermediate to float32 exactly as those ops do (Math.fround after each +, −, ×, ÷, √); and on
// native, that loop as a vectorised, threaded kernel, every variable in one call
// (FUSED_KERNELS.adamUpdate). All three give bit-identical weights and moments. The loop replaces ~13 kernels, ~5 scalar tensors and 2
// new tensors per variable and step (a fifth of a small MLP's step, dsm-mlp), which pays for small
// variables only: the kernels are vectorised and threaded, the loop is not (HOST_LOOP_MAX_SIZE).
// The native kernel pays at every size.
import { FUSED_KERNELS, fusedKernelAvailable, tf } from '@sous/core';
import { SlotState, type Optimizer } from './optimizer.js';

export interface AdamOptions {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** True for AdamW (decay the weights directly), false for Adam (add wd·p to the gradient). */
  decoupled: boolean;
  /** Where the update runs: "device" (tensor ops), "host" (the JavaScript loop: an error where
   * tensors do not live in host memory or the moments are shared), or "auto" (default: the fused
   * kernel where the backend has it — native — and the moments are not shared; else the loop
   * where it can run — the wasm, native and cpu backends, moments not shared — for variables of
   * at most HOST_LOOP_MAX_SIZE elements, tensor ops for larger ones). */
  updateOn?: 'auto' | 'host' | 'device';
}

/** The largest variable "auto" updates with the loop. Measured 2026-12-02 on native (2 threads,
 * quiet machine; per variable, AdamW): 1,024 elements loop 0.044 ms vs ops 0.131; 4,096 0.123 vs
 * 0.124; 16,384 0.475 vs 0.216; 262,144 8.0 vs 3.0. */
const HOST_LOOP_MAX_SIZE = 4096;

/** The parts of TensorFlow.js's wasm and cpu backends that reach a tensor's storage. */
interface HostBackend {
  refCount(dataId: object): number;
  /** wasm: a view of the tensor's bytes in the wasm heap. */
  typedArrayFromHeap?(tensor: tf.Tensor): Float32Array;
  /** cpu: the storage itself. */
  readSync(dataId: object): unknown;
}

/** The float32 storage of `tensor` itself, not a copy, where tensors live in this process's memory
 * (TensorFlow.js's wasm backend, which sous's wasm and native use, and its cpu backend); else
 * undefined. With `exclusive`, also undefined unless no other tensor shares that storage (a clone
 * shares it), so that writing into it changes this tensor alone. */
function storageOf(tensor: tf.Tensor, exclusive: boolean): Float32Array | undefined {
  const name = tf.getBackend();
  if ((name !== 'wasm' && name !== 'cpu') || tensor.dtype !== 'float32') return undefined;
  const backend = tf.backend() as unknown as HostBackend;
  if (exclusive && backend.refCount(tensor.dataId) !== 1) return undefined;
  const storage =
    name === 'wasm' ? backend.typedArrayFromHeap?.(tensor) : (backend.readSync(tensor.dataId) as Float32Array);
  return storage instanceof Float32Array && storage.length === tensor.size ? storage : undefined;
}

/** The update's constants, rounded to float32 as the tensor ops see them (a JavaScript number
 * operand becomes a float32 scalar tensor). */
type Step = {
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
};

const f32 = Math.fround;

/** One variable's update: the moments in place, the new weights into `out` (`param` is read only). */
function updateOnHost(
  param: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  out: Float32Array,
  s: Step,
): void {
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
    out[i] = f32(p - f32(f32(mi / denom) * s.stepSize));
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
      const fused = updateOn === 'auto' && fusedKernelAvailable(FUSED_KERNELS.adamUpdate);
      // The variables the fused kernel updates, all in one call after the loop.
      const fusedVariables: tf.Variable[] = [];
      const fusedInputs: tf.Tensor[] = [];
      for (const [name, variable] of variables) {
        const grad = grads.get(name);
        if (!grad) continue;
        const m = slots.slot('m', name),
          v = slots.slot('v', name);
        // The kernel writes the moments in place: only where they are this optimizer's alone.
        if (fused && grad.dtype === 'float32' && storageOf(m, true) && storageOf(v, true)) {
          fusedVariables.push(variable);
          fusedInputs.push(variable, grad, m, v);
          continue;
        }
        const host =
          updateOn === 'device' || (updateOn === 'auto' && variable.size > HOST_LOOP_MAX_SIZE)
            ? undefined
            : {
                grad: storageOf(grad, false),
                param: storageOf(variable, false),
                m: storageOf(m, true),
                v: storageOf(v, true),
              };
        if (host?.grad && host.param && host.m && host.v) {
          // The moments in place (they are this optimizer's alone, checked above); the weights into
          // a new tensor, never in place: the wasm backend's XNNPACK products keep packed copies of
          // a weight matrix keyed by its tensor, which an in-place write would leave stale.
          const updated = new Float32Array(variable.size);
          updateOnHost(host.param, host.grad, host.m, host.v, updated, step);
          tf.tidy(() => variable.assign(tf.tensor(updated, variable.shape, 'float32')));
          continue;
        }
        if (updateOn === 'host') throw new Error(`adam: variable "${name}" cannot be updated in place on this backend`);
        updateOnDevice(variable, grad, m, v, lr, stepSize, correction2Sqrt);
      }
      if (fusedVariables.length > 0)
        tf.tidy(() => {
          const updated = tf
            .engine()
            .runKernel(FUSED_KERNELS.adamUpdate, fusedInputs as unknown as tf.NamedTensorMap, step) as tf.Tensor[];
          fusedVariables.forEach((variable, i) => variable.assign(updated[i]));
        });
    },
    state: () => slots.tensors(),
    loadState: (state, file) => slots.load(state, file),
    dispose: () => slots.dispose(),
  };
}
