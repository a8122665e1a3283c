// ctx.memo: values shared by the nodes of one step, keyed by object identity. The gradient
// computation gets its own store, renewed for each computation, so a tensor recorded on one tape
// is never read by another computation or outside it.
import { KeyedMemo } from '@sous/core';

/** The memo of a run: one store outside the gradient computation, one inside it. */
export class StepMemo {
  readonly outside = new KeyedMemo();
  readonly inside = new KeyedMemo();

  /** A new step (or the evaluation after an update): nothing computed before is valid. */
  nextStep(): void {
    this.outside.clear();
    this.inside.clear();
  }

  /** A new gradient computation: what the last one recorded is on its own tape. */
  nextGradient(): void {
    this.inside.clear();
  }
}
