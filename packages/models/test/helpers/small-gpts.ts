// Three one-layer GPTs of one layout (d 8) over a digit vocabulary, for the weight-space node tests.
import { Rng } from '@sous/core';
import { CharTokenizer, GptModel, gptConfig } from '../../src/index.js';

export const vocab = new CharTokenizer('0123456789');
export const config = gptConfig('tiny', {
  vocabSize: vocab.vocabSize,
  layers: 1,
  dModel: 8,
  heads: 2,
  contextLength: 8,
});

/** base, tuned and other: same layout, different random weights. */
export function smallGpts(): { base: GptModel; tuned: GptModel; other: GptModel } {
  const make = (seed: string) => GptModel.create(config, new Rng(seed), { tokenizer: vocab });
  return { base: make('base'), tuned: make('tuned'), other: make('other') };
}
