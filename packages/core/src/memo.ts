// The store behind ctx.memo: values keyed by tuples of objects, compared by identity. The runtime
// keeps one per step (exec/memo.ts); testContext keeps one per context.

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
