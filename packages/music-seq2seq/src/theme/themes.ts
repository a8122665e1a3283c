// The value of a `Themes` port: a theme retrieval and the piece it came from.
import type { Piece } from '../piece.js';
import type { ThemeRetrieval } from './retrieve.js';

export interface Themes extends ThemeRetrieval {
  readonly kind: 'themes';
  readonly piece: Piece;
}
