// The KV cache of a GptModel: per layer, the keys and values of every position decoded so far.
// Its tensors are kept (tf.keep) so that they outlive the tidy scopes of the decode calls; the
// cache owns them until `dispose()`.
import type { DecodeCache } from '@sous/core';
import type { LayerKv } from '../layers/attention.js';

export class GptKvCache implements DecodeCache {
  private kv: LayerKv[] | null = null;
  private positions = 0;
  private disposed = false;

  /** `owner` is the model whose keys/values this holds (a cache fits only its own model). */
  constructor(
    readonly owner: object,
    readonly batch: number,
  ) {}

  get length(): number {
    return this.positions;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Per-layer keys/values so far (undefined while empty). */
  get layers(): readonly LayerKv[] | undefined {
    return this.kv ?? undefined;
  }

  /** Replaces the contents with `kv` (already kept), covering `added` more positions. */
  replace(kv: LayerKv[], added: number): void {
    this.release();
    this.kv = kv;
    this.positions += added;
  }

  dispose(): void {
    this.release();
    this.disposed = true;
  }

  private release(): void {
    for (const layer of this.kv ?? []) {
      layer.keys.dispose();
      layer.values.dispose();
    }
    this.kv = null;
  }
}
