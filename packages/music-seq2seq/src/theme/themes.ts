// The value of a `Themes` port: one theme retrieval per piece of a set.
import type { Pieces } from '../port-types.js';
import type { ThemeRetrieval } from './retrieve.js';

export interface Themes {
  readonly kind: 'themes';
  /** The pieces searched, with their names. */
  readonly pieces: Pieces;
  /** One per piece, in order. */
  readonly retrievals: ThemeRetrieval[];
}
