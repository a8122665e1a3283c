// music.decode: sampled token sequences back to pieces; what the REMI grammar refuses is skipped
// and counted, never thrown.
import { defineNode } from '@sous/core';
import { z } from 'zod';
import type { Pieces } from '../port-types.js';
import { decodeRollout, remiVocabularyOf, rolloutsMessages } from '../tokenizers/rollouts.js';

export const decode = defineNode({
  name: 'decode',
  kind: 'metric',
  doc:
    'Decodes each sampled sequence (prompt and completion) with the REMI vocabulary it was sampled in, into ' +
    'a piece. Tokens the grammar refuses are skipped; metrics: illegal_rate (skipped tokens per completion ' +
    'token: 0 when the sampler drew under the grammar), unfinished (notes cut off before their Duration, per ' +
    'piece) and notes (per piece).',
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts', doc: 'Samples of a model trained on music.tokenize tokens.' } },
  output: 'Pieces',
  messages: rolloutsMessages,
  run({ rollouts }, _params, ctx): Pieces {
    const vocab = remiVocabularyOf(rollouts, ctx.fail);
    let illegal = 0,
      unfinished = 0,
      notes = 0,
      sampled = 0;
    const pieces = Array.from({ length: rollouts.size }, (_, i) => {
      const { piece, report } = decodeRollout(vocab, rollouts, i);
      illegal += report.illegal;
      unfinished += report.unfinished;
      sampled += rollouts.completionLength[i];
      notes += piece.tracks.reduce((n, track) => n + track.notes.length, 0);
      return piece;
    });
    ctx.metric('illegal_rate', sampled === 0 ? 0 : illegal / sampled);
    ctx.metric('unfinished', unfinished / Math.max(rollouts.size, 1));
    ctx.metric('notes', notes / Math.max(rollouts.size, 1));
    return { pieces, names: pieces.map((_, i) => `sample ${i}`) };
  },
});
