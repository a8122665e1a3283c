import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, generate } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { CpTokenizer, RemiTokenizer, quantise, syntheticPiece, tokenizerConfig, type Piece } from '../src/index.js';

const configs = {
  all: tokenizerConfig(),
  bare: tokenizerConfig({
    families: { velocity: false, tempo: false, chord: false, timeSignature: false, program: false },
  }),
  eighths: tokenizerConfig({ beatResolution: 2, ppq: 96, velocityBins: 8, tempoBins: 8 }),
};

test('round trip: decode(encode(p)) == quantise(p) over generated pieces, every config, REMI and CP', () => {
  for (const [name, config] of Object.entries(configs)) {
    const remi = new RemiTokenizer(config);
    const cp = new CpTokenizer(config);
    for (let seed = 0; seed < 60; seed++) {
      const piece = syntheticPiece(new Rng(`${name} ${seed}`), {
        tracks: 1 + (seed % 3),
        drums: seed % 2 === 0,
        ppq: [480, 96, 220][seed % 3],
      });
      const expected = quantise(piece, config);
      const back = remi.decode(remi.encode(piece));
      assert.equal(back.report, { illegal: 0, reasons: {}, unfinished: 0 });
      assert.equal(back.piece, expected, `${name} seed ${seed}`);
      assert.equal(cp.decode(cp.encode(piece)).piece, expected, `cp ${name} seed ${seed}`);
    }
  }
});

const fixture: Piece = {
  ppq: 480,
  tempos: [
    { tick: 0, bpm: 120 },
    { tick: 1920, bpm: 90 },
  ],
  timeSignatures: [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 1920, numerator: 3, denominator: 4 },
  ],
  tracks: [
    {
      name: 'p',
      program: 0,
      isDrum: false,
      // A C major triad, then a note tied across the 4/4 → 3/4 bar line.
      notes: [
        { pitch: 60, velocity: 127, start: 0, duration: 480 },
        { pitch: 64, velocity: 127, start: 0, duration: 480 },
        { pitch: 67, velocity: 127, start: 0, duration: 480 },
        { pitch: 72, velocity: 127, start: 1440, duration: 960 },
      ],
    },
  ],
};

test('a hand-written piece: the exact REMI tokens, tempo and meter change, chord, tie across the bar', () => {
  const remi = new RemiTokenizer(configs.all);
  const texts = remi.texts(remi.encode(fixture));
  const tempo120 = remi.tokens.find((t) => t.family === 'Tempo' && Math.abs(+t.text.slice(6) - 120) < 3.5)!.text;
  assert.equal(texts.slice(0, 7), ['BOS', 'Bar', 'Position_0', tempo120, 'Chord_C:maj', 'Program_0', 'Pitch_60']);
  assert.equal(texts.slice(7, 9), ['Velocity_127', 'Duration_4']);
  assert.equal(texts.slice(-10), [
    'Position_12',
    'Program_0',
    'Pitch_72',
    'Velocity_127',
    'Duration_8',
    'Bar',
    'TimeSig_3/4',
    'Position_0',
    texts[texts.length - 2],
    'EOS',
  ]);
  assert.ok(texts[texts.length - 2].startsWith('Tempo_'));
  const { piece } = remi.decode(remi.encode(fixture));
  assert.equal(piece.timeSignatures, fixture.timeSignatures);
  assert.equal(
    piece.tracks[0].notes.map((n) => [n.pitch, n.start, n.duration]),
    [
      [60, 0, 480],
      [64, 0, 480],
      [67, 0, 480],
      [72, 1440, 960],
    ],
  );
});

test('decode of any id sequence never throws; illegal tokens are skipped and counted', () => {
  const remi = new RemiTokenizer(configs.all);
  const rng = new Rng('garbage');
  for (let i = 0; i < 300; i++) {
    const ids = Array.from({ length: 1 + rng.int(80) }, () => rng.int(remi.vocabSize + 5) - 2);
    const { report } = remi.decode(ids);
    assert.ok(report.illegal >= 0);
  }
  const bar = remi.id('Bar'),
    p0 = remi.id('Position', 0),
    pitch = remi.id('Pitch', 39);
  const { piece, report } = remi.decode([
    pitch,
    bar,
    p0,
    remi.id('Program', 0),
    pitch,
    remi.id('Velocity', 3),
    remi.id('Duration', 3),
    p0,
    99999,
  ]);
  assert.is(report.illegal, 3); // Pitch before Bar, Position 0 again, unknown id
  assert.equal(piece.tracks[0].notes, [{ pitch: 60, velocity: 16, start: 0, duration: 480 }]);
  const cp = new CpTokenizer(configs.all);
  assert.is(
    cp.decode([
      [9, 0, 0, 0, 0, 0, 0, 0, 0],
      [3, 0, 0, 0, 0, 0, 0, 0, 0],
      [5, 0, 0, 0, 0, 0, 0, 0, 0],
    ]).report.illegal,
    2,
  );
});

test('the mask is exactly what refusal accepts, at every state of random sequences (illegal tokens skipped)', () => {
  for (const config of [
    configs.all,
    tokenizerConfig({ families: { program: false, velocity: false, chord: false } }),
  ]) {
    const remi = new RemiTokenizer(config);
    const rng = new Rng('states');
    for (let sequence = 0; sequence < 20; sequence++) {
      let state = remi.grammar.start();
      for (let step = 0; step < 60; step++) {
        const mask = remi.grammar.allowed(state);
        const expected = remi.tokens.map((_, id) => (remi.refusal(state, id) === undefined ? 1 : 0));
        assert.equal(Array.from(mask), expected);
        // Half the time a legal token, else any id: a refused one must leave the state unchanged.
        const legal = expected.flatMap((ok, id) => (ok ? [id] : []));
        const id =
          rng.uniform() < 0.5 && legal.length > 0
            ? legal[Math.floor(rng.uniform() * legal.length)]
            : Math.floor(rng.uniform() * remi.vocabSize);
        const next = remi.grammar.advance(state, id);
        if (expected[id] === 0) assert.equal(next, state);
        state = next;
      }
    }
  }
});

test('sampling under the grammar (core generate, state carried per row) always decodes with zero illegal tokens', async () => {
  const remi = new RemiTokenizer(tokenizerConfig({ tempoBins: 4, velocityBins: 4, maxDurationBeats: 2 }));
  const rng = new Rng('table');
  const table = Array.from({ length: remi.vocabSize }, () =>
    Array.from({ length: remi.vocabSize }, () => rng.normal()),
  );
  const model = new BigramModel(table, { contextLength: 200 });
  const out = await generate(
    model,
    Array.from({ length: 8 }, () => ({ prompt: [remi.bos] })),
    {
      temperature: 1,
      topK: 0,
      topP: 1,
      maxNew: 120,
      stop: [[remi.eos]],
      pad: remi.pad,
      rng: new Rng('draws'),
      grammar: remi.grammar,
    },
  );
  let notes = 0;
  for (const completion of out.completions) {
    const { piece, report } = remi.decode([remi.bos, ...completion]);
    assert.is(report.illegal, 0);
    notes += piece.tracks.reduce((n, t) => n + t.notes.length, 0);
  }
  assert.ok(notes > 0);
  // Without the mask the same model emits illegal tokens.
  const free = await generate(model, [{ prompt: [remi.bos] }], {
    temperature: 1,
    topK: 0,
    topP: 1,
    maxNew: 120,
    stop: [[remi.eos]],
    pad: remi.pad,
    rng: new Rng('draws'),
  });
  assert.ok(remi.decode([remi.bos, ...free.completions[0]]).report.illegal > 0);
  model.dispose?.();
});

test.run();
