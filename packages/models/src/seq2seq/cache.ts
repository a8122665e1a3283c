// The decoding state of a Seq2SeqModel: the source tokens gathered so far; once all have come,
// the encoder's cross-attention keys/values and padding bias (computed once per source); the
// decoder's self-attention keys/values (a SelfAttentionKv for the target length, preallocated and
// written in place on the native backend); each row's theme-region state. Its tensors are kept
// (tf.keep) so that they outlive the decode calls' tidy scopes; the cache owns them until
// `dispose()`.
import type { tf, DecodeCache } from '@sous/core';
import type { LayerKv } from '../layers/attention.js';
import { SelfAttentionKv } from '../layers/self-attention-kv.js';
import type { LayoutState } from './layout.js';

/** The encoder's output as each decoder layer needs it. */
export interface EncodedSource {
  /** Per decoder layer: cross-attention keys/values [batch·heads, S, headDim]. */
  memory: LayerKv[];
  /** [batch·heads, 1, S]: hides source padding. */
  sourceBias: tf.Tensor3D;
}

export class Seq2SeqCache implements DecodeCache {
  readonly sourceRows: number[][];
  readonly layoutStates: LayoutState[];
  /** The decoder's self-attention keys/values of the targets so far. */
  readonly selfAttention: SelfAttentionKv;
  private encodedSource: EncodedSource | null = null;
  private disposed = false;

  constructor(
    readonly owner: { readonly config: { sourceLength: number; targetLength: number } },
    readonly batch: number,
  ) {
    this.selfAttention = new SelfAttentionKv(batch, owner.config.targetLength);
    this.sourceRows = Array.from({ length: batch }, () => []);
    this.layoutStates = Array.from({ length: batch }, () => ({ regionStart: -1 }));
  }

  /** Packed positions seen: source tokens, then target tokens. */
  get length(): number {
    return this.sourceRows[0].length + this.selfAttention.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get sourceComplete(): boolean {
    return this.sourceRows[0].length === this.owner.config.sourceLength;
  }

  get encoded(): EncodedSource | undefined {
    return this.encodedSource ?? undefined;
  }

  addSource(rows: number[][]): void {
    rows.forEach((row, i) => {
      for (const token of row) this.sourceRows[i].push(token);
    });
  }

  /** Takes ownership of `encoded` (already kept). */
  setEncoded(encoded: EncodedSource): void {
    this.encodedSource = encoded;
  }

  dispose(): void {
    this.selfAttention.dispose();
    if (this.encodedSource) {
      this.encodedSource.sourceBias.dispose();
      for (const layer of this.encodedSource.memory) {
        layer.keys.dispose();
        layer.values.dispose();
      }
      this.encodedSource = null;
    }
    this.disposed = true;
  }
}
