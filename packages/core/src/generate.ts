// Batched autoregressive generation with a KV cache, shared by samplers and evals. All rows
// advance one position per model call ("lock-step"): a row still inside its prompt is fed its
// next prompt token, so prompts of different lengths need no attention mask; a finished row is
// fed padding until every row has finished. Draws come from seeded uniforms, one per sampled
// token, in row order.
import { maxOf, minOf } from './extremes.js';
import type { Grammar, LanguageModel } from './model.js';
import type { Rng } from './rng.js';
import { drawToken, samplingDistribution, tokenLogProb, type SamplingOptions } from './sampling.js';
import { tf } from './tf.js';

export interface GenerationRequest {
  /** Prompt token ids (at least one). */
  prompt: number[];
  /** Tokens the completion must start with (a demonstration prefix): fed instead of sampled. */
  forced?: number[];
}

export interface GenerateOptions extends SamplingOptions {
  /** Completion budget in tokens, forced ones included. */
  maxNew: number;
  /** Token sequences that end a completion (they stay in it), e.g. [[eos]]. */
  stop: number[][];
  /** Fills the positions after a row's end. */
  pad: number;
  rng: Rng;
  /** Tokens the grammar does not allow get probability 0. Each row's state starts after its prompt
   * and advances with every completion token; forced tokens advance it without being checked. */
  grammar?: Grammar;
}

export interface Generation {
  size: number;
  /** Longest prompt + completion. */
  length: number;
  /** [size, length] prompt then completion then pad, row-major. */
  tokens: Int32Array;
  promptLength: Int32Array;
  /** Completion ids per row, stop tokens included. */
  completions: number[][];
  /** [size] 1 when a row used its whole budget without a stop sequence. */
  truncated: Uint8Array;
  /** [size, length] log-prob of each completion token under the distribution it was drawn from
   * (0 for greedy picks, the point mass); forced tokens get log softmax(logits / temperature). */
  logProbs: Float32Array;
  /** [size, length] 1 on forced completion tokens. */
  forcedMask: Float32Array;
}

export async function generate(
  model: LanguageModel,
  requests: GenerationRequest[],
  options: GenerateOptions,
): Promise<Generation> {
  const size = requests.length;
  if (requests.some((r) => r.prompt.length === 0))
    throw new RangeError('generate: every prompt needs at least one token');
  const longestPrompt = maxOf(requests.map((r) => r.prompt.length));
  if (longestPrompt + options.maxNew > model.contextLength) {
    throw new RangeError(
      `generate: a prompt of ${longestPrompt} tokens plus ${options.maxNew} new tokens exceeds the model's context of ${model.contextLength}`,
    );
  }
  const grammar = options.grammar;
  const rows = requests.map((r) => ({
    prompt: r.prompt,
    grammarState: grammar
      ? r.prompt.reduce((state, token) => grammar.advance(state, token), grammar.start())
      : undefined,
    forced: r.forced ?? [],
    completion: [] as number[],
    logProbs: [] as number[],
    done: false,
    truncated: false,
  }));
  const shortestPrompt = minOf(requests.map((r) => r.prompt.length));
  // Every row is fed at most its prompt and maxNew tokens, in lock-step: the cache never holds more.
  const cache = model.newCache(size, longestPrompt + options.maxNew);
  try {
    let logits = await lastLogits(
      model,
      Int32Array.from(rows.flatMap((r) => r.prompt.slice(0, shortestPrompt))),
      shortestPrompt,
      cache,
    );
    for (let position = shortestPrompt; ; position++) {
      const fed = rows.map((row, i) => {
        if (row.done) return options.pad;
        if (position < row.prompt.length) return row.prompt[position];
        const rowLogits = logits.subarray(i * model.vocabSize, (i + 1) * model.vocabSize);
        const step = row.completion.length;
        let token: number;
        if (step < row.forced.length) {
          token = row.forced[step];
          row.logProbs.push(tokenLogProb(rowLogits, token, options.temperature));
        } else {
          const probs = samplingDistribution(
            grammar ? masked(rowLogits, grammar.allowed(row.grammarState)) : rowLogits,
            options,
          );
          token = drawToken(probs, options.temperature === 0 ? 0 : options.rng.uniform());
          row.logProbs.push(Math.log(probs[token]));
        }
        row.completion.push(token);
        if (grammar) row.grammarState = grammar.advance(row.grammarState, token);
        if (options.stop.some((s) => endsWith(row.completion, s))) row.done = true;
        else if (row.completion.length >= options.maxNew) row.done = row.truncated = true;
        return token;
      });
      if (rows.every((r) => r.done)) break;
      logits = await lastLogits(model, Int32Array.from(fed), 1, cache);
    }
  } finally {
    cache.dispose();
  }
  return assemble(rows, options.pad);
}

/** Feeds `tokens` ([size, time], row-major) through the cache; the logits of each row's last
 * position. A typed array and no slice for one position: a decoding step makes no extra kernel call. */
async function lastLogits(
  model: LanguageModel,
  tokens: Int32Array,
  time: number,
  cache: Parameters<LanguageModel['decode']>[1],
): Promise<Float32Array> {
  const size = tokens.length / time;
  const last = tf.tidy(() => {
    const logits = model.decode(tf.tensor2d(tokens, [size, time], 'int32'), cache);
    const lastPosition = time === 1 ? logits : tf.slice(logits, [0, time - 1, 0], [-1, 1, -1]);
    return tf.reshape(lastPosition, [size, model.vocabSize]);
  });
  try {
    return (await last.data()) as Float32Array;
  } finally {
    last.dispose();
  }
}

/** The logits with -Infinity where `mask` is 0; a mask that allows nothing is an error. */
function masked(logits: Float32Array, mask: ArrayLike<number>): Float32Array {
  if (mask.length !== logits.length) {
    throw new RangeError(`generate: the grammar mask has ${mask.length} entries for a vocabulary of ${logits.length}`);
  }
  const out = Float32Array.from(logits, (value, token) => (mask[token] ? value : -Infinity));
  if (out.every((value) => value === -Infinity)) throw new RangeError('generate: the grammar mask allows no token');
  return out;
}

function endsWith(sequence: number[], suffix: number[]): boolean {
  if (suffix.length === 0 || suffix.length > sequence.length) return false;
  const offset = sequence.length - suffix.length;
  return suffix.every((token, i) => sequence[offset + i] === token);
}

interface Row {
  prompt: number[];
  forced: number[];
  completion: number[];
  logProbs: number[];
  truncated: boolean;
}

function assemble(rows: Row[], pad: number): Generation {
  const size = rows.length;
  const length = maxOf(rows.map((r) => r.prompt.length + r.completion.length));
  const tokens = new Int32Array(size * length).fill(pad);
  const logProbs = new Float32Array(size * length);
  const forcedMask = new Float32Array(size * length);
  rows.forEach((row, i) => {
    const base = i * length;
    tokens.set(row.prompt, base);
    tokens.set(row.completion, base + row.prompt.length);
    logProbs.set(row.logProbs, base + row.prompt.length);
    forcedMask.fill(
      1,
      base + row.prompt.length,
      base + row.prompt.length + Math.min(row.forced.length, row.completion.length),
    );
  });
  return {
    size,
    length,
    tokens,
    promptLength: Int32Array.from(rows, (r) => r.prompt.length),
    completions: rows.map((r) => r.completion),
    truncated: Uint8Array.from(rows, (r) => (r.truncated ? 1 : 0)),
    logProbs,
    forcedMask,
  };
}
