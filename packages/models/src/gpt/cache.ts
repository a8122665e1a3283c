// The KV cache of a GptModel: every layer's keys and values of the positions decoded so far, for
// at most `capacity` positions (a sampler knows its prompt + completion budget), in a
// SelfAttentionKv (preallocated and written in place on the native backend). The cache owns its
// tensors until `dispose()`.
import type { DecodeCache } from '@sous/core';
import { SelfAttentionKv } from '../layers/self-attention-kv.js';

export class GptKvCache implements DecodeCache {
  readonly selfAttention: SelfAttentionKv;
  private disposed = false;

  /** `owner` is the model whose keys/values this holds (a cache fits only its own model). */
  constructor(
    readonly owner: object,
    readonly batch: number,
    capacity: number,
  ) {
    this.selfAttention = new SelfAttentionKv(batch, capacity);
  }

  get length(): number {
    return this.selfAttention.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.selfAttention.dispose();
    this.disposed = true;
  }
}
