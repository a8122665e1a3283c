// Teacher-forcing batches: each example becomes bos + prompt + answer + eos, right-padded with the
// pad id to the longest row. Convention: `targetMask` is aligned with `tokens` and marks the
// tokens a loss must PREDICT (answer tokens and eos); a loss predicts token t from tokens < t, so
// position 0 is never a target.
import type { Batch, Example } from './data.js';
import type { Tokenizer } from './model.js';
import { SousError } from './errors.js';
import { maxOf } from './extremes.js';

/** A Batch of `examples` in `tokenizer`'s ids. `source` names the data in error messages. */
export function encodeBatch(examples: Example[], tokenizer: Tokenizer, source: string): Batch {
  const { bos, eos } = tokenizer;
  if (eos === undefined) {
    throw new SousError(`${source}: the tokenizer has no eos token, so an answer's end cannot be marked`);
  }
  const pad = tokenizer.pad ?? eos;
  const rows = examples.map((example, index) => {
    const prompt = encodeText(tokenizer, example.prompt, `${source}, example ${index} (prompt)`);
    const answer = encodeText(tokenizer, example.answer, `${source}, example ${index} (answer)`);
    const context = bos === undefined ? prompt : [bos, ...prompt];
    return { ids: [...context, ...answer, eos], firstTarget: context.length };
  });
  const length = maxOf(rows.map((row) => row.ids.length));
  const tokens = new Int32Array(rows.length * length).fill(pad);
  const targetMask = new Float32Array(rows.length * length);
  rows.forEach(({ ids, firstTarget }, row) => {
    tokens.set(ids, row * length);
    targetMask.fill(1, row * length + firstTarget, row * length + ids.length);
  });
  return { kind: 'batch', size: rows.length, length, tokens, targetMask, examples };
}

function encodeText(tokenizer: Tokenizer, text: string, where: string): number[] {
  try {
    return tokenizer.encode(text);
  } catch (error) {
    throw new SousError(`${where}: cannot tokenize ${JSON.stringify(text)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
