// The optimizer contract shared by Adam(W) and SGD. Our own small implementations instead of
// tf.train's: their state is named tensors we can checkpoint exactly, and their arithmetic follows
// PyTorch (torch.optim), which is what recipes and papers assume.
import { tf, SousError } from '@sous/core';

export interface Optimizer {
  /** adamw, adam or sgd. */
  readonly name: string;
  /** Number of updates applied so far (PyTorch's `state['step']`). */
  readonly steps: number;
  /** Applies one update with learning rate `lr` to every variable that has a gradient. A variable
   * missing from `grads` (not connected to the loss) is left alone, moments included, as PyTorch
   * does for a parameter whose `.grad` is None. */
  apply(grads: Map<string, tf.Tensor>, lr: number): void;
  /** The state as named tensors (`m.<name>`, `v.<name>`, `momentum.<name>`, `step`), for
   * checkpoints. The tensors belong to the optimizer: do not dispose them. */
  state(): Map<string, tf.Tensor>;
  /** Restores what `state()` returned. `file` names the checkpoint in errors. */
  loadState(state: Map<string, tf.Tensor>, file: string): void;
  dispose(): void;
}

/** Per-variable slot tensors (Adam's `m` and `v`, SGD's `momentum`) plus the step counter, kept as
 * variables so an update assigns in place and a checkpoint reads them by name. */
export class SlotState {
  private readonly slots = new Map<string, tf.Variable>();
  private readonly stepCounter = tf.variable(tf.scalar(0, 'int32'), false);
  private count = 0;

  constructor(variables: Map<string, tf.Variable>, slotNames: string[]) {
    for (const slotName of slotNames) {
      for (const [name, variable] of variables) {
        // In a tidy: the zeros go, and the slot holds its storage alone (Adam updates it in place).
        this.slots.set(
          `${slotName}.${name}`,
          tf.tidy(() => tf.variable(tf.zerosLike(variable), false)),
        );
      }
    }
  }

  get steps(): number {
    return this.count;
  }

  slot(slotName: string, variableName: string): tf.Variable {
    const slot = this.slots.get(`${slotName}.${variableName}`);
    if (!slot) throw new Error(`optimizer has no slot ${slotName}.${variableName}`);
    return slot;
  }

  /** Counts one update; returns its 1-based number (the `t` of the bias corrections). */
  advance(): number {
    this.count += 1;
    tf.tidy(() => this.stepCounter.assign(tf.scalar(this.count, 'int32')));
    return this.count;
  }

  tensors(): Map<string, tf.Tensor> {
    return new Map<string, tf.Tensor>([...this.slots, ['step', this.stepCounter]]);
  }

  load(state: Map<string, tf.Tensor>, file: string): void {
    const expected = this.tensors();
    for (const [name, target] of expected) {
      const saved = state.get(name);
      if (!saved)
        throw new SousError(`has no optimizer state "${name}"`, {
          file,
          hint: 'The checkpoint does not match this recipe.',
        });
      if (!tf.util.arraysEqual(saved.shape, target.shape)) {
        throw new SousError(`optimizer state "${name}" has shape [${saved.shape}], expected [${target.shape}]`, {
          file,
          hint: 'The checkpoint does not match this recipe.',
        });
      }
    }
    const unknown = [...state.keys()].filter((name) => !expected.has(name));
    if (unknown.length > 0) {
      throw new SousError(`holds optimizer state for unknown variables (${unknown.slice(0, 3).join(', ')})`, {
        file,
        hint: 'The checkpoint does not match this recipe.',
      });
    }
    tf.tidy(() => {
      for (const [name, target] of this.slots) target.assign(tf.cast(state.get(name)!, 'float32'));
    });
    this.count = state.get('step')!.dataSync()[0];
    tf.tidy(() => this.stepCounter.assign(tf.scalar(this.count, 'int32')));
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.stepCounter.dispose();
  }
}
