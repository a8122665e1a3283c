// music.composers: a labelled corpus of pieces by synthetic composers (composers/composers.ts).
import { z } from 'zod';
import { defineNode, Rng } from '@sous/core';
import { PBSCR } from '@sous/core/references';
import { COMPOSERS, composeCorpus } from '../composers/composers.js';
import type { Pieces } from '../port-types.js';
import type { Corpus, LabelledPieces } from '../style-port-types.js';

export const composers = defineNode({
  name: 'composers',
  kind: 'task',
  doc:
    'Pieces by K synthetic composers that differ only in interval and rhythm statistics: a C-major melody ' +
    'walking over scale degrees with composer-specific steps and note lengths, over a bass note on every beat. ' +
    'Composers are "stepwise", "arpeggios", "leaps" and "repeats" (the first K); labels are composer indices, ' +
    'taken in turn. Train and test splits come from streams fixed by `seed`; member `pieces` holds the same ' +
    'pieces unlabelled, named by composer, for music.tokenize (its val split is empty).',
  references: [PBSCR],
  params: z.object({
    composers: z.number().int().min(2).max(COMPOSERS.length).default(4).describe('K, the number of composers.'),
    train_size: z.number().int().min(1).max(100_000).default(1600).describe('Pieces in the train split.'),
    test_size: z.number().int().min(1).max(100_000).default(400).describe('Pieces in the test split.'),
    notes: z.number().int().min(1).max(10_000).default(64).describe('Melody notes per piece.'),
    seed: z.number().int().default(0).describe('Seed of the corpus (not the recipe seed).'),
  }),
  inputs: {},
  output: 'Corpus',
  members: { train: 'LabelledPieces', test: 'LabelledPieces', pieces: 'PieceSplits' },
  run(_inputs, { composers: k, train_size, test_size, notes, seed }): Corpus {
    const rng = new Rng(`music.composers/${seed}`);
    const classes = COMPOSERS.slice(0, k).map((c) => c.name);
    const split = (size: number, name: string): LabelledPieces => ({
      kind: 'labelled-pieces',
      ...composeCorpus(k, size, notes, rng.fork(name)),
      classes,
    });
    const train = split(train_size, 'train');
    const test = split(test_size, 'test');
    const unlabelled = ({ pieces, labels }: LabelledPieces, name: string): Pieces => ({
      pieces,
      names: Array.from(labels, (label, i) => `${classes[label]} ${name} ${i}`),
    });
    const pieces = {
      train: unlabelled(train, 'train'),
      val: { pieces: [], names: [] },
      test: unlabelled(test, 'test'),
    };
    return { kind: 'corpus', train, test, pieces };
  },
});
