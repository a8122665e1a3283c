// music.melody_match: how often sampled pieces restate their theme, and how late.
import { defineNode, type Metrics } from '@sous/core';
import { THEME_TRANSFORMER } from '@sous/core/references';
import { z } from 'zod';
import { melodyMatch } from '../theme/melody.js';
import { RemiVocabulary } from '../tokenizers/vocabulary.js';

export const melodyMatchNode = defineNode({
  name: 'melody_match',
  kind: 'eval',
  doc:
    "Theme Transformer's melody match: each completion (prompt left out) is decoded with its REMI vocabulary " +
    'and cut into melody bars; a bar matches when its pitch-interval sequence is within `tolerance` edits of the ' +
    "theme bar's (the example's `theme`, as music.theme_rows writes it). Metrics, means over completions: " +
    'melody_match (matching bars / bars), recurrences (matching bars per piece), last_theme_bar (1 + the last ' +
    'matching bar, 0 when none: how late the theme still comes back), bars (melody bars per piece).',
  references: [THEME_TRANSFORMER],
  params: z.object({
    tolerance: z.number().int().min(0).default(1).describe('Largest edit distance of interval sequences that matches.'),
  }),
  inputs: { rollouts: { type: 'Rollouts', doc: 'Samples prompted with music.theme_rows examples.' } },
  output: 'Metrics',
  messages: {
    notMusic: {
      message: 'the rollouts were sampled in a tokenizer that is not a REMI vocabulary',
      hint: 'Train the policy on music.theme_rows(...) rows with its vocab.',
    },
    noTheme: {
      message: 'example {{index}} has no theme',
      hint: 'Prompt with music.theme_rows(...) examples, which carry their theme.',
    },
    empty: 'no completions to measure',
  },
  run({ rollouts }, { tolerance }, ctx): Metrics {
    const vocab = rollouts.vocab instanceof RemiVocabulary ? rollouts.vocab : ctx.fail('notMusic');
    if (rollouts.size === 0) ctx.fail('empty');
    let matched = 0,
      bars = 0,
      recurrences = 0,
      last = 0;
    for (let i = 0; i < rollouts.size; i++) {
      const given = rollouts.examples[i].theme;
      const theme = typeof given === 'string' ? given : ctx.fail('noTheme', { index: i });
      const from = i * rollouts.length + rollouts.promptLength[i];
      const generated = vocab.remi.decode(rollouts.tokens.subarray(from, from + rollouts.completionLength[i])).piece;
      const match = melodyMatch(generated, vocab.remi.decode(vocab.encode(theme)).piece, tolerance);
      matched += match.bars === 0 ? 0 : match.matches.length / match.bars;
      bars += match.bars;
      recurrences += match.matches.length;
      last += match.matches.length === 0 ? 0 : match.matches[match.matches.length - 1] + 1;
    }
    const n = rollouts.size;
    return { melody_match: matched / n, recurrences: recurrences / n, last_theme_bar: last / n, bars: bars / n };
  },
});
