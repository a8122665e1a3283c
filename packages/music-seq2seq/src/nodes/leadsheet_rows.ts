// music.leadsheet_rows: lead sheets as rows for models.seq2seq — the condition tokens (source) and
// the sheet's tokens (target) in the lead-sheet vocabulary (affect/tokens.ts).
import { z } from 'zod';
import { defineNode, maxOf, type Dataset, type Example } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { condTokens, type LeadSheet } from '../affect/leadsheet.js';
import { LeadSheetVocabulary } from '../affect/tokens.js';
import type { LeadSheetRows } from '../style-port-types.js';

export const leadsheetRows = defineNode({
  name: 'leadsheet_rows',
  kind: 'task',
  doc:
    'Packs lead sheets into rows for models.seq2seq. Source: BOS and the condition tokens (music.cond_tokens), ' +
    'padded with PAD to `source_length`; target: a start token (BOS), then the sheet as "Bar TimeSig_n/d ' +
    'Position_p Chord_<root>:<quality> Pitch_x Duration_k …" (REMI words, positions and durations on a grid of ' +
    "`beat_resolution` steps per beat, a chord token where a chord starts), then EOS. Each example's prompt is the " +
    'source and the start token, its answer the sheet, so samplers.dataset makes the packed rows and ' +
    'samplers.prompts + samplers.group sample a sheet per condition. Members: train, test (Datasets) and vocab ' +
    "(the model's tokenizer: its grammar lets samplers draw only well-formed sheets). Set models.seq2seq's " +
    "`source_length` and `target_length` to this node's (the run log names the longest target).",
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({
    source_length: z
      .number()
      .int()
      .min(2)
      .max(4096)
      .default(8)
      .describe('Source tokens per row (BOS, the condition tokens, then PAD): models.seq2seq(source_length).'),
    target_length: z
      .number()
      .int()
      .min(3)
      .max(65536)
      .default(256)
      .describe('Most target tokens (start token and EOS included): models.seq2seq(target_length).'),
    beat_resolution: z.number().int().min(1).max(48).default(2).describe('Positions per quarter note.'),
    pitch_low: z.number().int().min(0).max(127).default(48).describe('Lowest melody pitch (MIDI number).'),
    pitch_high: z.number().int().min(0).max(127).default(96).describe('Highest melody pitch (MIDI number).'),
    max_duration_beats: z.number().int().min(1).max(64).default(4).describe('Longest melody note, in quarter notes.'),
  }),
  inputs: {
    train: { type: 'LeadSheets', doc: 'Training sheets, e.g. music.leadsheets(...).' },
    test: { type: 'LeadSheets', doc: 'Sheets whose conditions the model is sampled under (and their references).' },
  },
  output: 'LeadSheetRows',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: {
    badRange: 'pitch_low {{low}} is above pitch_high {{high}}',
    sourceTooLong: {
      message:
        '{{which}} sheet {{index}} has {{tokens}} condition tokens, more than source_length {{source_length}} holds with BOS',
      hint: 'Raise source_length (here and in models.seq2seq).',
    },
    targetTooLong: {
      message: '{{which}} sheet {{index}} makes {{tokens}} target tokens, more than target_length {{target_length}}',
      hint: 'Raise target_length (here and in models.seq2seq), or use fewer bars per phrase.',
    },
    offGrid: '{{which}} sheet {{index}} does not fit the tokens: {{reason}}',
  },
  run({ train, test }, p, ctx): LeadSheetRows {
    if (p.pitch_low > p.pitch_high) ctx.fail('badRange', { low: p.pitch_low, high: p.pitch_high });
    const all = [...train.sheets, ...test.sheets];
    const meters = [
      ...new Map(all.map((s) => [`${s.meter[0]}/${s.meter[1]}`, [...s.meter] as [number, number]])).entries(),
    ]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, meter]) => meter);
    const phrases = [
      ...new Set(all.flatMap((sheet) => condTokens(sheet).filter((t) => t.startsWith('PHRASE=')))),
    ].sort();
    const vocab = new LeadSheetVocabulary({
      beatResolution: p.beat_resolution,
      pitchRange: [p.pitch_low, p.pitch_high],
      maxDurationBeats: p.max_duration_beats,
      meters: meters.length > 0 ? meters : [[4, 4]],
      phrases,
    });
    let longest = 0;
    const split = (which: 'train' | 'test', sheets: readonly LeadSheet[]): Dataset => {
      const examples: Example[] = sheets.map((sheet, index) => {
        let tokens: { source: string[]; target: string[] };
        try {
          tokens = vocab.encodeSheet(sheet);
        } catch (error) {
          return ctx.fail('offGrid', { which, index, reason: (error as Error).message });
        }
        const { source, target } = tokens;
        if (source.length + 1 > p.source_length) {
          ctx.fail('sourceTooLong', { which, index, tokens: source.length, source_length: p.source_length });
        }
        if (target.length + 2 > p.target_length) {
          ctx.fail('targetTooLong', { which, index, tokens: target.length + 2, target_length: p.target_length });
        }
        longest = maxOf([longest, target.length + 2]);
        const padding = new Array<string>(p.source_length - 1 - source.length).fill('PAD');
        return {
          prompt: [...source, ...padding, 'BOS'].join(' '),
          answer: target.join(' '),
          name: `${which} ${index}`,
        };
      });
      return { kind: 'dataset', name: `lead sheets ${which}`, size: examples.length, get: (i) => examples[i], vocab };
    };
    const rows: LeadSheetRows = {
      kind: 'leadsheet-rows',
      train: split('train', train.sheets),
      test: split('test', test.sheets),
      vocab,
    };
    ctx.logger.info(
      `music.leadsheet_rows: ${train.sheets.length} train and ${test.sheets.length} test sheets, vocabulary ${vocab.vocabSize}, longest target ${longest} tokens`,
    );
    return rows;
  },
});
