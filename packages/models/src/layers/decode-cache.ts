// The checks every model's KV cache gets, shared by the GPT and the encoder–decoder.
import { SousError, type DecodeCache } from '@sous/core';

interface OwnedCache extends DecodeCache {
  readonly owner: object;
  readonly batch: number;
  readonly isDisposed: boolean;
}

/** Throws unless `batch` is a positive integer (the size of a new cache). */
export function checkCacheBatch(batch: number): void {
  if (!Number.isInteger(batch) || batch < 1)
    throw new SousError(`a KV cache needs a positive batch size, found ${batch}`);
}

/** Throws unless `cache` is a live `kind` made by `owner` for `rows` sequences. */
export function checkDecodeCache<C extends OwnedCache>(
  cache: DecodeCache,
  kind: abstract new (...args: never[]) => C,
  owner: object,
  rows: number,
): asserts cache is C {
  if (!(cache instanceof kind) || cache.owner !== owner) {
    throw new SousError('decode: the cache was not made by this model (use model.newCache(batch))');
  }
  if (cache.isDisposed) throw new SousError('decode: the cache was disposed');
  if (rows !== cache.batch) throw new SousError(`decode: ${rows} sequences given to a cache made for ${cache.batch}`);
}
