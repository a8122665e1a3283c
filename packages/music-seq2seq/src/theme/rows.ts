// Training rows of Theme Transformer (Shih et al. 2022) and of its prompt-conditioned baseline,
// from a piece and the bars where its theme occurs. With REMI ids [BOS, Bar …, Bar …, EOS]:
//   theme     the tokens of the first occurrence bar (its Bar token up to the next Bar or EOS);
//   flagged   the piece with Theme_start before each occurrence's Bar token and Theme_end after the
//             bar's last token, so the decoder's gate is open over exactly the theme bars;
//   seq2seq   prompt: theme, EOS, then PAD up to source_length − 1, then BOS (the target's start
//             token); with the BOS that rows begin with, the source is [BOS, theme…, EOS, PAD…] of
//             source_length tokens — a whole sequence, so the REMI grammar reads it and restarts
//             at the target's BOS — and theme token k sits at position k, where the k-th token after a
//             Theme_start sits in the target (layout.ts restarts positions at the flag);
//             answer: the flagged piece (no BOS/EOS: rows add the EOS);
//   prompted  prompt: theme, EOS, BOS (the theme as a sequence of its own, then the piece starts);
//             answer: the piece without flags.
import type { RemiTokenizer } from '../tokenizers/remi.js';

export interface ThemeRow {
  /** Token texts of the theme bar. */
  theme: string[];
  seq2seq: { prompt: string; answer: string };
  prompted: { prompt: string; answer: string };
}

/** Indices of the Bar tokens of `ids`, in order. */
export function barTokenStarts(remi: RemiTokenizer, ids: readonly number[]): number[] {
  const bar = remi.id('Bar');
  return ids.flatMap((id, i) => (id === bar ? [i] : []));
}

/**
 * The rows of one piece (REMI ids from remi.encode, so BOS first and EOS last) whose theme occurs
 * at bars `occurrences` (from 0, at least one). Throws a RangeError naming a bar the piece does not
 * have, or a theme too long for `sourceLength`.
 */
export function themeRow(
  remi: RemiTokenizer,
  ids: readonly number[],
  occurrences: readonly number[],
  sourceLength: number,
): ThemeRow {
  const starts = barTokenStarts(remi, ids);
  const barEnd = (bar: number) => (bar + 1 < starts.length ? starts[bar + 1] : ids.length - 1);
  const bars = [...new Set(occurrences)].sort((a, b) => a - b);
  if (bars.length === 0) throw new RangeError('a theme row needs at least one theme occurrence');
  for (const bar of bars)
    if (!Number.isInteger(bar) || bar < 0 || bar >= starts.length)
      throw new RangeError(`theme bar ${bar} is not in the piece (${starts.length} bars)`);
  const theme = remi.texts(ids.slice(starts[bars[0]], barEnd(bars[0])));
  if (theme.length > sourceLength - 2)
    throw new RangeError(
      `the theme is ${theme.length} tokens; with BOS and EOS it does not fit in source_length ${sourceLength}`,
    );
  const open = new Set(bars.map((bar) => starts[bar]));
  const close = new Set(bars.map(barEnd));
  const flagged: string[] = [];
  const body = remi.texts(ids);
  for (let i = 1; i < ids.length - 1; i++) {
    if (open.has(i)) flagged.push(remi.tokens[remi.id('Theme', 0)].text);
    flagged.push(body[i]);
    if (close.has(i + 1)) flagged.push(remi.tokens[remi.id('Theme', 1)].text);
  }
  const pads = Array.from({ length: sourceLength - 2 - theme.length }, () => 'PAD');
  return {
    theme,
    seq2seq: { prompt: [...theme, 'EOS', ...pads, 'BOS'].join(' '), answer: flagged.join(' ') },
    prompted: { prompt: [...theme, 'EOS', 'BOS'].join(' '), answer: body.slice(1, -1).join(' ') },
  };
}
