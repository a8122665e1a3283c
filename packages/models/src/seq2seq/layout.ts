// Where the decoder attends to the source, and which position each target token takes.
//
// Without theme flags every target token attends to the source (gate 1) at position t.
// With Theme Transformer's flags (Shih et al. 2022) — both rules below are (reconstructed): the
// paper conditions on theme regions found by retrieval, and the exact gate source and position
// scheme here are our design, to check against the paper:
//   - a start flag opens a theme region, an end flag closes it (a start inside a region
//     reopens it);
//   - gate g_t = 1 from the start flag up to the token before the end flag, else 0;
//   - inside a region the position index restarts: the start flag takes position 0 and the k-th
//     token after it position k, so the region lines up with a theme source written as
//     [start, theme…, end]; the end flag and every token outside a region take their index t.
import type { ThemeFlags } from './config.js';

/** Per-row state carried from one decoded chunk to the next: where the open region began. */
export interface LayoutState {
  /** Index of the start flag of the open region, −1 when none is open. */
  regionStart: number;
}

export interface TargetLayout {
  /** [rows·time] 1 where the token attends to the source. */
  gates: Float32Array;
  /** [rows·time] position index of each token. */
  positions: Int32Array;
}

/**
 * Gates and positions of target tokens `rows` (each row `time` tokens starting at index `first`),
 * continuing `states` (one per row, updated in place) when given.
 */
export function targetLayout(
  rows: ArrayLike<number>[],
  first: number,
  theme: ThemeFlags | undefined,
  states: LayoutState[] = rows.map(() => ({ regionStart: -1 })),
): TargetLayout {
  const time = rows.length === 0 ? 0 : rows[0].length;
  const gates = new Float32Array(rows.length * time);
  const positions = new Int32Array(rows.length * time);
  rows.forEach((row, r) => {
    const state = states[r];
    for (let i = 0; i < time; i++) {
      const t = first + i;
      const at = r * time + i;
      positions[at] = t;
      if (!theme) {
        gates[at] = 1;
        continue;
      }
      if (row[i] === theme.start) state.regionStart = t;
      else if (row[i] === theme.end) state.regionStart = -1;
      if (state.regionStart >= 0) {
        gates[at] = 1;
        positions[at] = t - state.regionStart;
      }
    }
  });
  return { gates, positions };
}
