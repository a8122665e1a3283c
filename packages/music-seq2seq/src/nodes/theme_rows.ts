// music.theme_rows: Theme Transformer's training rows (theme → piece with theme-region flags) and
// the prompt-conditioned baseline's (theme prefix, then the piece), from retrieved themes.
import { defineNode, type Dataset, type Example } from '@sous/core';
import { THEME_TRANSFORMER } from '@sous/core/references';
import { z } from 'zod';
import type { ThemeRows } from '../port-types.js';
import { themeRow } from '../theme/rows.js';
import type { TokenizerConfig } from '../tokenizers/config.js';
import { RemiTokenizer, THEME_END, THEME_START } from '../tokenizers/remi.js';
import { RemiVocabulary } from '../tokenizers/vocabulary.js';
import { remiConfig, remiParams } from './tokenize.js';

export const themeRows = defineNode({
  name: 'theme_rows',
  kind: 'task',
  doc:
    `Rows for Theme Transformer and its baseline from music.theme_retrieval's result. The theme is the first ` +
    `occurrence bar's REMI tokens; the occurrences are the retrieved bars (\`occurrences: "retrieved"\`, the ` +
    `paper's way) or the planted ones (\`"planted"\`, music.planted_motifs only). Member seq2seq: the theme as ` +
    `the source (BOS, theme, EOS, PAD up to source_length) and the piece as the target with ${THEME_START} before ` +
    `and ${THEME_END} after each occurrence bar, so models.seq2seq(theme_flags: ["${THEME_START}", ` +
    `"${THEME_END}"]) gates cross-attention on over the theme bars, with theme token k at the position of the ` +
    `k-th token after ${THEME_START}. Member prompted: the theme, EOS, BOS, then the piece without flags, for ` +
    'models.gpt (the prompt-conditioned baseline). Member vocab: the REMI vocabulary with the two flags (its ' +
    'grammar lets BOS start a new sequence after EOS). Pieces where no theme was found are left out ' +
    '(logged). Each example carries its theme for music.melody_match.',
  references: [THEME_TRANSFORMER],
  params: remiParams.extend({
    source_length: z
      .number()
      .int()
      .min(2)
      .max(4096)
      .default(32)
      .describe("Source tokens per seq2seq row (BOS, theme, EOS, PAD); the model's source_length."),
    occurrences: z
      .enum(['retrieved', 'planted'])
      .default('retrieved')
      .describe('Where the theme bars come from: retrieval, or the planted labels of music.planted_motifs.'),
  }),
  inputs: { themes: { type: 'Themes', doc: 'music.theme_retrieval(pieces).' } },
  output: 'ThemeRows',
  members: { seq2seq: 'Dataset', prompted: 'Dataset', vocab: 'Tokenizer' },
  messages: {
    badConfig: '{{reason}}',
    noPlanted: {
      message: 'occurrences: "planted" needs pieces with planted theme bars',
      hint: 'Use music.planted_motifs(...) as the corpus, or occurrences: "retrieved".',
    },
    badRow: 'piece "{{piece}}": {{reason}}',
    tooLong: {
      message: 'piece "{{piece}}" makes {{tokens}} tokens, more than max_tokens {{max_tokens}}',
      hint: 'Raise max_tokens (and the model context), or use shorter pieces.',
    },
    noThemes: 'no piece of the {{pieces}} has a theme to train on',
  },
  run({ themes }, p, ctx): ThemeRows {
    let config: TokenizerConfig;
    try {
      config = remiConfig(p, true);
    } catch (error) {
      return ctx.fail('badConfig', { reason: (error as Error).message });
    }
    const vocab = new RemiVocabulary(new RemiTokenizer(config));
    const { pieces } = themes;
    if (p.occurrences === 'planted' && !pieces.themeBars) ctx.fail('noPlanted');
    const seq2seq: Example[] = [];
    const prompted: Example[] = [];
    let skipped = 0;
    pieces.pieces.forEach((piece, i) => {
      const bars = p.occurrences === 'planted' ? pieces.themeBars![i] : themes.retrievals[i].occurrences;
      if (bars.length === 0) {
        skipped++;
        return;
      }
      const name = pieces.names[i];
      const ids = vocab.remi.encode(piece);
      if (ids.length > p.max_tokens) ctx.fail('tooLong', { piece: name, tokens: ids.length, max_tokens: p.max_tokens });
      let row;
      try {
        row = themeRow(vocab.remi, ids, bars, p.source_length);
      } catch (error) {
        return ctx.fail('badRow', { piece: name, reason: (error as Error).message });
      }
      const theme = row.theme.join(' ');
      seq2seq.push({ ...row.seq2seq, name, theme, themeBars: bars });
      prompted.push({ ...row.prompted, name, theme, themeBars: bars });
    });
    if (seq2seq.length === 0) ctx.fail('noThemes', { pieces: pieces.pieces.length });
    ctx.logger.info(
      `music.theme_rows: ${seq2seq.length} pieces with a theme (${p.occurrences}), ${skipped} without left out`,
    );
    const dataset = (name: string, examples: Example[]): Dataset => ({
      kind: 'dataset',
      name,
      size: examples.length,
      get: (i) => examples[i],
      vocab,
    });
    return { seq2seq: dataset('theme seq2seq', seq2seq), prompted: dataset('theme prompted', prompted), vocab };
  },
});
