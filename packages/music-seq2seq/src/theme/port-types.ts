// The port types theme retrieval reads and writes. `Piece` is the package's shared value
// (piece.ts); if the package's index already declares it, this declaration merges with it.
// The plugin's `types` should include `themePortTypes`.
import type { Piece } from '../piece.js';
import type { Themes } from './themes.js';

declare module '@sous/core' {
  interface PortValues {
    Piece: Piece;
    Themes: Themes;
  }
}

export const themePortTypes = {
  Themes: {
    doc: "A piece's retrieved theme: its bars, the bars where the theme occurs, and each bar's cluster label.",
  },
};
