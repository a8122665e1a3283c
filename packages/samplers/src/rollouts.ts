// Rollouts from prompts: encodes each prompt (bos + prompt), asks core's `generate` for G
// completions of each, and lays the result out as the `Rollouts` value rewards and losses read.
import {
  generate,
  maxOf,
  type Example,
  type LanguageModel,
  type NodeContext,
  type Prompts,
  type Rollouts,
  type Tokenizer,
} from '@sous/core';

/** What a completion sampler can fail with: spread into its messages, raised through ctx.fail. */
export const rolloutMessages = {
  noEos: {
    message: "no tokenizer with an eos token (neither the prompts' dataset's nor the policy's)",
    hint: 'Draw the prompts from a task split, such as samplers.prompts(task.train).',
  },
  tooLong: {
    message: "a prompt of {{prompt}} tokens plus max_new {{max_new}} exceeds the policy's context of {{context}}",
    hint: 'Lower max_new or use a model with a longer context.',
  },
  notLanguageModel: {
    message: 'the policy is not a language model (it cannot decode tokens)',
    hint: 'Pass a model made by a language-model node such as models.gpt.',
  },
  untokenizable: 'cannot tokenize {{what}} {{text}}: {{reason}}',
} as const;

type RolloutContext = NodeContext<keyof typeof rolloutMessages>;

export interface SamplingSettings {
  group: number;
  max_new: number;
  temperature: number;
  top_k: number;
  top_p: number;
  stop: string[];
  grammar: boolean;
}

/** The demonstration tokens member `member` of an example's group starts with (in `vocab`). */
export type ForcedTokens = (example: Example, member: number, vocab: Tokenizer) => number[];

export async function sampleRollouts(
  policy: unknown,
  prompts: Prompts,
  settings: SamplingSettings,
  ctx: RolloutContext,
  forced?: ForcedTokens,
): Promise<Rollouts> {
  const model = asLanguageModel(policy, ctx);
  const vocab = prompts.vocab ?? model.tokenizer;
  if (vocab?.eos === undefined) ctx.fail('noEos');
  const eos = vocab.eos;
  const stop = [[eos], ...settings.stop.map((text) => encode(vocab, text, 'the stop string', ctx))];
  const examples = prompts.examples.flatMap((example) => new Array<Example>(settings.group).fill(example));
  const requests = prompts.examples.flatMap((example, index) => {
    const ids = encode(vocab, example.prompt, `prompt ${index}`, ctx);
    const prompt = vocab.bos === undefined ? ids : [vocab.bos, ...ids];
    return Array.from({ length: settings.group }, (_, member) => ({
      prompt,
      forced: forced?.(example, member, vocab),
    }));
  });
  const longest = maxOf(requests.map((r) => r.prompt.length));
  if (longest + settings.max_new > model.contextLength) {
    ctx.fail('tooLong', { prompt: longest, max_new: settings.max_new, context: model.contextLength });
  }
  const out = await generate(model, requests, {
    temperature: settings.temperature,
    topK: settings.top_k,
    topP: settings.top_p,
    maxNew: settings.max_new,
    stop,
    pad: vocab.pad ?? eos,
    rng: ctx.rng,
    grammar: settings.grammar ? vocab.grammar : undefined,
  });
  const completionMask = new Float32Array(out.size * out.length);
  out.completions.forEach((completion, i) => {
    const start = i * out.length + out.promptLength[i];
    completionMask.fill(1, start, start + completion.length);
  });
  ctx.metric('mean_length', out.completions.reduce((sum, c) => sum + c.length, 0) / out.size);
  ctx.metric('truncated', out.truncated.reduce((sum, t) => sum + t, 0) / out.size);
  return {
    kind: 'rollouts',
    size: out.size,
    length: out.length,
    groupSize: settings.group,
    examples,
    group: Int32Array.from({ length: out.size }, (_, i) => Math.floor(i / settings.group)),
    tokens: out.tokens,
    promptLength: out.promptLength,
    completionLength: Int32Array.from(out.completions, (c) => c.length),
    completionMask,
    truncated: out.truncated,
    sampleLogProbs: out.logProbs,
    demonstrated: out.forcedMask,
    texts: out.completions.map((completion, i) =>
      vocab.decode(out.truncated[i] ? completion : withoutStop(completion, stop)),
    ),
    temperature: settings.temperature,
    maxNew: settings.max_new,
    vocab,
  };
}

function withoutStop(completion: number[], stops: number[][]): number[] {
  const stop = stops.find(
    (s) => s.length <= completion.length && s.every((t, j) => completion[completion.length - s.length + j] === t),
  );
  return stop === undefined ? completion : completion.slice(0, completion.length - stop.length);
}

/** The ids of `text` (`what` names it in the message when the tokenizer refuses it). */
export function encode(vocab: Tokenizer, text: string, what: string, ctx: RolloutContext): number[] {
  try {
    return vocab.encode(text);
  } catch (error) {
    return ctx.fail('untokenizable', { what, text: JSON.stringify(text), reason: (error as Error).message });
  }
}

function asLanguageModel(value: unknown, ctx: RolloutContext): LanguageModel {
  const model = value as Partial<LanguageModel> | null;
  if (typeof model?.decode !== 'function' || typeof model.newCache !== 'function') ctx.fail('notLanguageModel');
  return model as LanguageModel;
}
