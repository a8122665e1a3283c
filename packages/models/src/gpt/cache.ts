// The KV cache of a GptModel: per layer, the keys and values of every position decoded so far, for
// at most `capacity` positions (a sampler knows its prompt + completion budget). Two layouts, fixed
// by the backend of the first decode:
// - preallocated (the fused kernel FUSED_KERNELS.attentionDecode, the native backend): each
//   layer's keys/values are [batch, capacity, d] buffers allocated once, on the first decode; the
//   kernel writes the new rows into them in place, so no decode step copies the past;
// - grown (composite ops, cpu/wasm): each step concatenates the new keys/values to the old ones and
//   the cache swaps in the result.
// Its tensors are kept (tf.keep) so that they outlive the tidy scopes of the decode calls; the
// cache owns them until `dispose()`.
//
// Writing into a tensor is safe here, though TensorFlow.js treats tensors as immutable, because no
// other tensor can see the buffers: tf.fill gives each a fresh data id with a single reference,
// and the buffers go only to the decode kernel, never to an op that could share their data (a
// reshape or clone would, and would then see later writes). The kernel has no gradient and the
// buffers are never saved for one.
import { SousError, tf, type DecodeCache } from '@sous/core';
import type { LayerKv } from '../layers/attention.js';

export class GptKvCache implements DecodeCache {
  private kv: LayerKv[] | null = null;
  private positions = 0;
  private disposed = false;
  /** Where the first decode ran: the backend, and whether it wrote preallocated buffers in place. */
  private startedOn: { backend: string; preallocated: boolean } | null = null;

  /** `owner` is the model whose keys/values this holds (a cache fits only its own model). */
  constructor(
    readonly owner: object,
    readonly batch: number,
    readonly capacity: number,
  ) {}

  get length(): number {
    return this.positions;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Whether the layers are preallocated buffers [batch, capacity, d] extended in place. */
  get preallocated(): boolean {
    return this.startedOn?.preallocated ?? false;
  }

  /** Per-layer keys/values (undefined before the first decode). Only the model's attention may
   * use them: see the note on writing in place at the top of this file. */
  get layers(): readonly LayerKv[] | undefined {
    return this.kv ?? undefined;
  }

  /**
   * Called before each decode step. The first call fixes the layout (allocating, when
   * `preallocate`, `layers` buffers of [batch, capacity, d] for keys and values); a later call on
   * another backend or layout is an error, as the cache's tensors live where it started.
   */
  prepare(preallocate: boolean, layers: number, d: number): void {
    const backend = tf.getBackend();
    if (this.startedOn === null) {
      this.startedOn = { backend, preallocated: preallocate };
      if (preallocate) {
        // tf.fill runs the backend's Fill kernel in place; tf.zeros would build the zeros in
        // JavaScript and copy them over.
        const buffer = () => tf.keep(tf.fill([this.batch, this.capacity, d], 0, 'float32') as tf.Tensor3D);
        this.kv = Array.from({ length: layers }, () => ({ keys: buffer(), values: buffer() }));
      }
    } else if (this.startedOn.backend !== backend || this.startedOn.preallocated !== preallocate) {
      throw new SousError(
        'decode: the cache was started on another backend (its keys/values live there); make a new cache after switching backends',
      );
    }
  }

  /** The grown layout: replaces the contents with `kv` (already kept). */
  replace(kv: LayerKv[]): void {
    this.release();
    this.kv = kv;
  }

  /** Counts `added` more positions, after a decode step wrote them. */
  advance(added: number): void {
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
