import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { NodeTester } from '@sous/core/testing';
import plugin, { syntheticPiece, writeMidi, type PieceSplits } from '../src/index.js';
import { midiFolder } from '../src/nodes/midi_folder.js';
import { synthetic } from '../src/nodes/synthetic.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-midi-'));
for (let i = 0; i < 10; i++)
  fs.writeFileSync(path.join(folder, `p${i}.mid`), writeMidi(syntheticPiece(new Rng(`f${i}`), { changes: false })));
fs.writeFileSync(path.join(folder, 'notes.txt'), 'not midi');
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-empty-'));
const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-broken-'));
fs.writeFileSync(path.join(broken, 'bad.mid'), 'MThd garbage');

const sizes = (s: PieceSplits) => [s.train.pieces.length, s.val.pieces.length, s.test.pieces.length];

test('music.midi_folder reads .mid files into deterministic splits; bad folders and files are named', async () => {
  const first: string[][] = [];
  await new NodeTester(midiFolder, plugin).run({
    valid: [
      {
        name: '10 files, 80/10/10',
        params: { path: folder, seed: 3 },
        check: (out) => {
          const s = out as PieceSplits;
          assert.equal(sizes(s), [8, 1, 1]);
          first.push(s.train.names);
          assert.equal(
            [...s.train.names, ...s.val.names, ...s.test.names].sort(),
            Array.from({ length: 10 }, (_, i) => path.join(folder, `p${i}.mid`)),
          );
        },
      },
      {
        name: 'same seed, same split',
        params: { path: folder, seed: 3 },
        check: (out) => assert.equal((out as PieceSplits).train.names, first[0]),
      },
    ],
    invalid: [
      { params: { path: path.join(folder, 'nope') }, messageId: 'missing' },
      { params: { path: empty }, messageId: 'empty' },
      {
        params: { path: broken },
        messageId: 'unreadable',
        data: {
          file: path.join(broken, 'bad.mid'),
          reason: 'too short for a MIDI file (12 bytes; a header alone is 14)',
        },
      },
    ],
  });
});

test('music.synthetic gives seeded pieces, split', async () => {
  await new NodeTester(synthetic, plugin).run({
    valid: [
      {
        name: '20 pieces',
        params: { count: 20, train: 1, val: 1, test: 2 },
        check: (out) => assert.equal(sizes(out as PieceSplits), [5, 5, 10]),
      },
    ],
    invalid: [{ params: { count: 0 }, error: /^parameter count:/ }],
  });
});

test.run();
