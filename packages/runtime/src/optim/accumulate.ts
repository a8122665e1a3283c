// Gradient accumulation: sum the gradients of k micro-steps, then take their mean, so one update
// sees the gradient of a k-times larger batch (for a loss that is a mean over its batch).
import { tf } from '@sous/core';

export class GradientAccumulator {
  private sums = new Map<string, tf.Tensor>();
  private count = 0;

  /** Adds one micro-step's gradients; takes ownership of them (they are disposed once summed). */
  add(grads: Map<string, tf.Tensor>): void {
    for (const [name, grad] of grads) {
      const previous = this.sums.get(name);
      if (!previous) {
        this.sums.set(name, grad);
        continue;
      }
      this.sums.set(name, tf.add(previous, grad));
      previous.dispose();
      grad.dispose();
    }
    this.count += 1;
  }

  get microSteps(): number {
    return this.count;
  }

  /** The mean over the micro-steps added so far (a variable missing from some micro-steps counts
   * as a zero gradient there); the caller owns the result. Empties the accumulator. */
  mean(): Map<string, tf.Tensor> {
    const means = new Map<string, tf.Tensor>();
    for (const [name, sum] of this.sums) {
      means.set(name, this.count === 1 ? sum : tf.div(sum, this.count));
      if (this.count !== 1) sum.dispose();
    }
    this.sums = new Map();
    this.count = 0;
    return means;
  }

  dispose(): void {
    for (const sum of this.sums.values()) sum.dispose();
    this.sums = new Map();
    this.count = 0;
  }
}
