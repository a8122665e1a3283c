// music.save: generated pieces into the run folder — a .mid and a piano-roll .svg per piece under
// samples/ (the report shows the SVGs), and a .wav where FluidSynth or TiMidity++ is installed
// (the report plays it).
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { defineNode, writeFileAtomic, type Metrics } from '@sous/core';
import { findAudioRenderer, renderAudio } from '../audio.js';
import { writeMidi } from '../midi/write.js';
import { pianoRollSvg } from '../piano-roll.js';

export const save = defineNode({
  name: 'save',
  kind: 'eval',
  doc:
    'Writes each piece into the run folder as samples/<name>-step<k>-<i>.mid and a piano roll ' +
    'samples/<name>-step<k>-<i>.svg (shown in report.html). With `audio` on and FluidSynth (plus a General ' +
    'MIDI SoundFont: $SOUS_SOUNDFONT or a Debian one) or TiMidity++ on the PATH, also a .wav the report ' +
    'plays; without either, the run log says audio was skipped. Metrics: files_written, audio_rendered.',
  params: z.object({
    name: z
      .string()
      .regex(/^[\w.-]+$/, 'use letters, digits, "_", "-" and "."')
      .default('music')
      .describe('File name prefix.'),
    count: z.number().int().min(1).max(1000).default(4).describe('Most pieces written per eval (the first ones).'),
    audio: z.boolean().default(true).describe('Render a .wav of each piece when a MIDI synthesiser is installed.'),
  }),
  inputs: { pieces: { type: 'Pieces', doc: 'The pieces, e.g. music.decode(rollouts).' } },
  output: 'Metrics',
  async run({ pieces }, { name, count, audio }, ctx): Promise<Metrics> {
    if (ctx.runDir === null) return {};
    const folder = path.join(ctx.runDir, 'samples');
    await mkdir(folder, { recursive: true });
    const renderer = audio ? findAudioRenderer() : undefined;
    if (audio && renderer === undefined && ctx.state.toldNoAudio === undefined) {
      ctx.state.toldNoAudio = true;
      ctx.logger.info('music.save: no fluidsynth (with a SoundFont) or timidity on the PATH, so no audio is rendered');
    }
    let files = 0,
      rendered = 0;
    for (const [i, piece] of pieces.pieces.slice(0, count).entries()) {
      const stem = path.join(folder, `${name}-step${ctx.step + 1}-${i}`);
      await writeFileAtomic(`${stem}.mid`, writeMidi(piece));
      await writeFileAtomic(`${stem}.svg`, pianoRollSvg(piece, `${name}, step ${ctx.step + 1}, ${pieces.names[i]}`));
      files += 2;
      if (renderer === undefined) continue;
      try {
        await renderAudio(renderer, `${stem}.mid`, `${stem}.wav`);
        rendered++;
      } catch (error) {
        ctx.logger.warn(`music.save: ${(error as Error).message}`);
      }
    }
    return { files_written: files + rendered, audio_rendered: rendered };
  },
});
