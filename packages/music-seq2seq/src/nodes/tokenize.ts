// music.tokenize: a corpus of pieces as REMI token sequences a GPT trains on (samplers.dataset),
// with the REMI vocabulary as the model's tokenizer (models.gpt(vocab: tokens.vocab)).
import { defineNode, maxOf, type Dataset, type Example } from '@sous/core';
import { POP_MUSIC_TRANSFORMER } from '@sous/core/references';
import { z } from 'zod';
import type { MusicTokens, Pieces } from '../port-types.js';
import { tokenizerConfig, type TokenizerConfig } from '../tokenizers/config.js';
import { RemiTokenizer } from '../tokenizers/remi.js';
import { RemiVocabulary } from '../tokenizers/vocabulary.js';

export const remiParams = z.object({
  beat_resolution: z.number().int().min(1).max(48).default(4).describe('Positions per quarter note (4: sixteenths).'),
  pitch_low: z.number().int().min(0).max(127).default(21).describe('Lowest pitch kept (MIDI number).'),
  pitch_high: z.number().int().min(0).max(127).default(108).describe('Highest pitch kept (MIDI number).'),
  velocity_bins: z.number().int().min(1).max(127).default(32).describe('Velocity bins over 1–127.'),
  max_duration_beats: z.number().int().min(1).max(64).default(8).describe('Longest note, in quarter notes.'),
  tempo_bins: z.number().int().min(2).max(256).default(32).describe('Tempo bins over 40–250 bpm.'),
  velocity: z.boolean().default(true).describe('Velocity tokens after each pitch.'),
  tempo: z.boolean().default(true).describe('Tempo tokens where the tempo changes.'),
  chord: z.boolean().default(true).describe('Chord tokens where notes starting together form a chord.'),
  time_signature: z.boolean().default(true).describe('TimeSig tokens where the meter changes.'),
  program: z.boolean().default(true).describe('Program tokens before each pitch (the instrument).'),
  max_tokens: z
    .number()
    .int()
    .min(2)
    .default(4096)
    .describe("Longest sequence (BOS and EOS included) a piece may make; keep it within the model's context."),
});

export const tokenize = defineNode({
  name: 'tokenize',
  kind: 'task',
  doc:
    'Encodes each split of a corpus as REMI tokens (Bar, TimeSig, Position, Tempo, Chord, Program, Pitch, ' +
    'Velocity, Duration) after quantising it to the grid. Members: train, val, test (Datasets: empty prompt, ' +
    'the token names as the answer, so samplers.dataset and samplers.prompts take them) and vocab (the REMI ' +
    "vocabulary: pass it to models.gpt as the model's tokenizer; the samplers draw under its grammar).",
  references: [POP_MUSIC_TRANSFORMER],
  params: remiParams,
  inputs: { corpus: { type: 'PieceSplits', doc: 'The pieces, e.g. music.synthetic(...) or music.midi_folder(...).' } },
  output: 'MusicTokens',
  members: { train: 'Dataset', val: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: {
    badConfig: '{{reason}}',
    tooLong: {
      message: 'piece "{{piece}}" makes {{tokens}} tokens, more than max_tokens {{max_tokens}}',
      hint: 'Raise max_tokens (and the model context), or use shorter pieces.',
    },
  },
  run({ corpus }, p, ctx): MusicTokens {
    let config: TokenizerConfig;
    try {
      config = remiConfig(p);
    } catch (error) {
      return ctx.fail('badConfig', { reason: (error as Error).message });
    }
    const vocab = new RemiVocabulary(new RemiTokenizer(config));
    const split = (name: string, pieces: Pieces): Dataset => {
      const examples: Example[] = pieces.pieces.map((piece, i) => {
        const ids = vocab.remi.encode(piece);
        if (ids.length > p.max_tokens) {
          ctx.fail('tooLong', { piece: pieces.names[i], tokens: ids.length, max_tokens: p.max_tokens });
        }
        return { prompt: '', answer: vocab.decode(ids), name: pieces.names[i] };
      });
      ctx.logger.info(
        `music.tokenize: ${name} ${examples.length} pieces, longest ${maxOf([0, ...examples.map((e) => vocab.encode(e.answer).length + 2)])} tokens`,
      );
      return { kind: 'dataset', name: `music ${name}`, size: examples.length, get: (i) => examples[i], vocab };
    };
    return {
      train: split('train', corpus.train),
      val: split('val', corpus.val),
      test: split('test', corpus.test),
      vocab,
    };
  },
});

/** The tokenizer config of music.tokenize's parameters (`theme`: with the theme-region flags);
 * throws a RangeError naming a bad field. */
export function remiConfig(p: z.infer<typeof remiParams>, theme = false): TokenizerConfig {
  return tokenizerConfig({
    beatResolution: p.beat_resolution,
    ppq: 120 * p.beat_resolution,
    pitchRange: [p.pitch_low, p.pitch_high],
    velocityBins: p.velocity_bins,
    maxDurationBeats: p.max_duration_beats,
    tempoBins: p.tempo_bins,
    families: {
      velocity: p.velocity,
      tempo: p.tempo,
      chord: p.chord,
      timeSignature: p.time_signature,
      program: p.program,
      theme,
    },
  });
}
