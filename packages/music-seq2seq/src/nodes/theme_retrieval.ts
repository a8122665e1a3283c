// music.theme_retrieval: the bars of a piece where its theme occurs.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { THEME_TRANSFORMER } from '@sous/core/references';
import '../port-types.js';
import { barSegments } from '../theme/bars.js';
import { trainContrastiveEncoder } from '../theme/contrastive.js';
import { retrieveTheme } from '../theme/retrieve.js';
import type { Themes } from '../theme/themes.js';

export const themeRetrieval = defineNode({
  name: 'theme_retrieval',
  kind: 'task',
  doc:
    "Finds each piece's theme as Theme Transformer does: the melody (one track's skyline) is cut into bars, each bar " +
    'is embedded, the embeddings are clustered by density (DBSCAN), and the theme is the largest cluster; its bars ' +
    'are the occurrences. The default embedding is fixed and transposition-invariant (onset grid and pitch relative ' +
    "to the bar's mean); `embedding: \"contrastive\"` trains the paper's learned one on the piece's bars " +
    '(InfoNCE over transposed, jittered and note-dropped views) from the run seed. The result bar lists feed ' +
    'theme-region flags for models.seq2seq(theme_flags: …).',
  references: [THEME_TRANSFORMER],
  params: z.object({
    eps: z.number().positive().default(0.5).describe('DBSCAN radius in embedding space.'),
    min_occurrences: z.number().int().min(2).default(2).describe('Bars a theme needs at least (DBSCAN minPoints).'),
    min_notes: z.number().int().min(1).default(2).describe('Melody notes a bar needs to be a candidate.'),
    track: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Melody track index (default: the first pitched track with notes).'),
    embedding: z
      .enum(['fixed', 'contrastive'])
      .default('fixed')
      .describe('Bar embedding: fixed (default) or trained contrastively.'),
    steps: z.number().int().min(1).max(10000).default(150).describe('Training steps of the contrastive embedding.'),
  }),
  inputs: { pieces: { type: 'Pieces', doc: 'The pieces whose themes are sought (each on its own).' } },
  output: 'Themes',
  messages: {
    noTrack: 'the piece has {{tracks}} tracks; track {{track}} does not exist',
    noMelody: {
      message: 'the piece has no pitched track with notes to take a melody from',
      hint: 'Name the melody track with `track`, or pass a piece with notes.',
    },
    tooFewBars:
      'the contrastive embedding needs at least 2 bars with {{min_notes}} or more notes; the piece has {{bars}}',
  },
  run({ pieces }, { eps, min_occurrences, min_notes, track, embedding, steps }, ctx): Themes {
    const options = { eps, minOccurrences: min_occurrences, minNotes: min_notes, track };
    const retrievals = pieces.pieces.map((piece, index) => {
      const name = JSON.stringify(pieces.names[index]);
      if (track !== undefined && track >= piece.tracks.length)
        ctx.fail('noTrack', { name, tracks: piece.tracks.length, track });
      if (track === undefined && !piece.tracks.some((t) => !t.isDrum && t.notes.length > 0))
        ctx.fail('noMelody', { name });
      if (embedding === 'fixed') return retrieveTheme(piece, options);
      const candidates = barSegments(piece, track).filter((b) => b.notes.length >= min_notes);
      if (candidates.length < 2) ctx.fail('tooFewBars', { name, min_notes, bars: candidates.length });
      const encoder = trainContrastiveEncoder(candidates, ctx.rng.fork(index), { steps });
      try {
        return retrieveTheme(piece, { ...options, embed: encoder.embed });
      } finally {
        encoder.dispose();
      }
    });
    return { kind: 'themes', pieces, retrievals };
  },
});
