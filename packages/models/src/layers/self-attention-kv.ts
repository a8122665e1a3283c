// The causal self-attention keys and values a decoder keeps between decode steps (the GPT's KV
// cache, the encoder–decoder's target side), for at most `capacity` positions per sequence. Two
// layouts, fixed by the backend of the first decode step:
// - preallocated (the fused kernel FUSED_KERNELS.attentionDecode, the native backend): each
//   layer's keys/values are [batch, capacity, d] buffers allocated once, on the first step; the
//   kernel writes the new rows into them in place, so no step copies the past;
// - grown (composite ops, cpu/wasm): each step concatenates the new keys/values to the old ones
//   ([batch·heads, positions, headDim]) and the store swaps in the result.
// Its tensors are kept (tf.keep) so that they outlive the tidy scopes of the decode calls; the store
// owns them until `dispose()`.
//
// Writing into a tensor is safe here, though TensorFlow.js treats tensors as immutable, because no
// other tensor can see the buffers: tf.fill gives each a fresh data id with a single reference, and
// the buffers go only to the decode kernel, never to an op that could share their data (a reshape
// or clone would, and would then see later writes). The kernel has no gradient and the buffers are
// never saved for one. The wasm backend reads a tensor's values from its heap on every read, so no
// stale copy exists elsewhere.
import { FUSED_KERNELS, fusedKernelAvailable, SousError, tf } from '@sous/core';
import type { LayerKv } from './attention.js';

export class SelfAttentionKv {
  private kv: LayerKv[] | null = null;
  private positions = 0;
  /** Where the first step ran: the backend, and whether it writes preallocated buffers in place. */
  private startedOn: { backend: string; preallocated: boolean } | null = null;

  constructor(
    readonly batch: number,
    readonly capacity: number,
  ) {}

  /** Positions stored so far. */
  get length(): number {
    return this.positions;
  }

  /** Whether the layers are preallocated buffers [batch, capacity, d] extended in place. */
  get preallocated(): boolean {
    return this.startedOn?.preallocated ?? false;
  }

  /** Keys/values of `layer` (undefined before the first step on the grown layout). Only the
   * attention sublayer may use them: see the note on writing in place at the top of this file. */
  layer(layer: number): LayerKv | undefined {
    return this.kv?.[layer];
  }

  /**
   * Called before each decode step of `time` positions: throws when they do not fit, or when the
   * backend changed since the first step (the tensors live where they started). The first call
   * fixes the layout, allocating `layers` buffers of [batch, capacity, d] for keys and values when
   * the backend has the in-place kernel.
   */
  prepare(time: number, layers: number, d: number): void {
    if (this.positions + time > this.capacity) {
      throw new SousError(
        `decode: ${time} new position(s) do not fit a KV cache of ${this.capacity} positions that holds ${this.positions}`,
      );
    }
    const backend = tf.getBackend();
    const preallocate = fusedKernelAvailable(FUSED_KERNELS.attentionDecode);
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

  /**
   * Ends a step of `added` positions, inside its tidy scope. On the grown layout `grown` holds
   * every layer's keys/values including the new ones: they are kept and replace the old ones.
   * (The preallocated buffers already hold the new rows; `grown` is then empty.)
   */
  commit(grown: LayerKv[], added: number): void {
    if (!this.preallocated) {
      for (const layer of grown) {
        tf.keep(layer.keys);
        tf.keep(layer.values);
      }
      this.release();
      this.kv = grown;
    }
    this.positions += added;
  }

  dispose(): void {
    this.release();
  }

  private release(): void {
    for (const layer of this.kv ?? []) {
      layer.keys.dispose();
      layer.values.dispose();
    }
    this.kv = null;
  }
}
