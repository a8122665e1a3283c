// Preference pairs as one teacher-forcing batch (the `Pairs` layout): the chosen rows of every
// pair, then the rejected rows, each bos + prompt + answer + eos as `encodeBatch` writes them.
import type { Example, Pairs } from './data.js';
import { encodeBatch } from './encode-batch.js';
import { SousError } from './errors.js';
import type { Tokenizer } from './model.js';

/** `examples` must carry string `chosen` and `rejected` fields. `source` names the data in errors. */
export function encodePairs(examples: Example[], tokenizer: Tokenizer, source: string): Pairs {
  examples.forEach((example, index) => checkPair(example, `${source}, example ${index}`));
  const answered = (side: 'chosen' | 'rejected') =>
    examples.map((example) => ({ prompt: example.prompt, answer: example[side] as string }));
  const batch = encodeBatch([...answered('chosen'), ...answered('rejected')], tokenizer, source);
  return { kind: 'pairs', size: examples.length, batch, examples };
}

function checkPair(example: Example, where: string): void {
  for (const side of ['chosen', 'rejected'] as const) {
    if (typeof example[side] !== 'string') {
      throw new SousError(`${where}: it has no string "${side}" field, so it is not a preference pair`, {
        hint: 'Pass a split of tasks.preference_pairs or tasks.preferences.',
      });
    }
  }
}
