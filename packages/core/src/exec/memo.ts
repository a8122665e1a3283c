// ctx.memo: values shared by the nodes of one step, keyed by object identity. The gradient
// computation gets its own store, renewed for each computation, so a tensor recorded on one tape
// is never read by another computation or outside it.

/** A memo over key tuples: nested WeakMaps, so keys are compared by identity and never kept alive. */
export class KeyedMemo {
  private root = new WeakMap<object, Entry>();

  get<T>(keys: readonly object[], compute: () => T): T {
    if (keys.length === 0) throw new Error('ctx.memo needs at least one key object');
    let level = this.root;
    let entry: Entry | undefined;
    for (const key of keys) {
      entry = level.get(key);
      if (!entry) level.set(key, (entry = { next: new WeakMap() }));
      level = entry.next;
    }
    if (!('value' in entry!)) entry!.value = compute();
    return entry!.value as T;
  }

  clear(): void {
    this.root = new WeakMap();
  }
}

interface Entry {
  value?: unknown;
  next: WeakMap<object, Entry>;
}

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
