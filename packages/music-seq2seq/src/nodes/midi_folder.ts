// music.midi_folder: every .mid / .midi file of a folder (not its subfolders) as pieces, split.
import fs from 'node:fs';
import path from 'node:path';
import { defineNode } from '@sous/core';
import { z } from 'zod';
import { MidiFileError, readMidi } from '../midi/read.js';
import type { Piece } from '../piece.js';
import { SPLIT_MEMBERS, splitParams, splitPieces } from './split.js';

export const midiFolder = defineNode({
  name: 'midi_folder',
  kind: 'task',
  doc:
    'Reads every .mid or .midi file in a folder (sorted by name, subfolders not read) into pieces and splits them ' +
    'deterministically by seed into train, val and test. A missing or empty folder, or a file that is not a ' +
    'readable MIDI file, is an error naming it. Members: train, val, test.',
  params: z.object({
    path: z.string().min(1).describe('The folder, relative to where sous runs.'),
    ...splitParams,
  }),
  inputs: {},
  output: 'PieceSplits',
  members: SPLIT_MEMBERS,
  messages: {
    missing: { message: 'no folder {{path}}', hint: 'Give the path of a folder of .mid files.' },
    empty: { message: 'the folder {{path}} holds no .mid or .midi file' },
    unreadable: '{{file}} is not a readable MIDI file: {{reason}}',
  },
  run(_inputs, { path: folder, train, val, test, seed }, ctx) {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) ctx.fail('missing', { path: folder });
    const files = fs
      .readdirSync(folder)
      .filter((name) => /\.midi?$/i.test(name))
      .sort()
      .map((name) => path.join(folder, name));
    if (files.length === 0) ctx.fail('empty', { path: folder });
    const pieces: Piece[] = files.map((file) => {
      try {
        return readMidi(new Uint8Array(fs.readFileSync(file)), file);
      } catch (error) {
        const reason =
          error instanceof MidiFileError ? error.reason : error instanceof Error ? error.message : String(error);
        return ctx.fail('unreadable', { file, reason });
      }
    });
    ctx.metric('pieces', pieces.length);
    return splitPieces(pieces, files, { train, val, test }, seed);
  },
});
