// Hugging Face tokenizers (`tokenizer.json`, optional `tokenizer_config.json`) read from disk and
// run by the maintained @huggingface/tokenizers library. Nothing is fetched from the network.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as HfLibraryTokenizer } from '@huggingface/tokenizers';
import { z } from 'zod';
import { checkJson, SousError, type Tokenizer } from '@sous/core';
import { readJsonFile } from '../json-file.js';

/** tokenizer.json: what sous reads itself (the library checks the rest of the pipeline). */
const tokenizerFileSchema = z.looseObject({
  model: z.looseObject({ type: z.string().optional() }),
  added_tokens: z.array(z.looseObject({ id: z.number().int().min(0), content: z.string() })).optional(),
});

/** A special token in tokenizer_config.json: a string or an AddedToken object `{ content }`. */
const specialToken = z
  .union([z.string(), z.looseObject({ content: z.string() })], {
    error: 'expected a string or an object with a string "content"',
  })
  .nullish();
const tokenizerConfigSchema = z.looseObject({
  bos_token: specialToken,
  eos_token: specialToken,
  pad_token: specialToken,
});
type SpecialToken = z.infer<typeof specialToken>;

/** The JSON a tokenizer was loaded from, kept so that a checkpoint can write it back unchanged. */
export interface HfTokenizerFiles {
  /** The content of tokenizer.json. */
  tokenizer: z.infer<typeof tokenizerFileSchema>;
  /** The content of tokenizer_config.json, when there was one. */
  config?: z.infer<typeof tokenizerConfigSchema>;
}

export class HfTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bos?: number;
  readonly eos?: number;
  readonly pad?: number;

  /** `files` is what `tokenizer` was built from; `file` names the tokenizer.json in errors. */
  constructor(
    private readonly tokenizer: HfLibraryTokenizer,
    readonly files: HfTokenizerFiles,
    readonly file: string,
  ) {
    // A loop, not Math.max(...ids): a real vocabulary (150,000 ids) overflows the call stack.
    let largest = -1;
    for (const id of tokenizer.get_vocab(true).values()) largest = Math.max(largest, id);
    this.vocabSize = largest + 1;
    const idOf = (token: SpecialToken) => {
      const text = typeof token === 'string' ? token : token?.content;
      return text === undefined ? undefined : tokenizer.token_to_id(text);
    };
    this.bos = idOf(files.config?.bos_token);
    this.eos = idOf(files.config?.eos_token);
    this.pad = idOf(files.config?.pad_token);
  }

  /** Ids of `text`, without the special tokens a post-processor would add (bos/eos are the
   * caller's choice, as with CharTokenizer). */
  encode(text: string): number[] {
    const { ids, tokens } = this.tokenizer.encode(text, { add_special_tokens: false });
    const missing = ids.findIndex((id: number | undefined) => id === undefined);
    if (missing >= 0) {
      throw new SousError(
        `the tokenizer has no id for the piece ${JSON.stringify(tokens[missing])} of ${JSON.stringify(text)}`,
        { file: this.file },
      );
    }
    return ids;
  }

  /** Text of `ids`, special tokens left out. */
  decode(ids: number[]): string {
    return this.tokenizer.decode(ids, { skip_special_tokens: true });
  }
}

/**
 * Loads a Hugging Face tokenizer from a folder holding `tokenizer.json` (and optionally
 * `tokenizer_config.json`, which names the bos/eos/pad tokens), or from a tokenizer.json path
 * (a tokenizer_config.json beside it is read too).
 */
export function loadHfTokenizer(folderOrFile: string): HfTokenizer {
  const isFolder = fs.existsSync(folderOrFile) && fs.statSync(folderOrFile).isDirectory();
  const file = isFolder ? path.join(folderOrFile, 'tokenizer.json') : folderOrFile;
  const json = checkJson(tokenizerFileSchema, readJsonFile(file, 'the tokenizer file'), { file }, 'the tokenizer file');
  const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
  const config = fs.existsSync(configFile)
    ? checkJson(
        tokenizerConfigSchema,
        readJsonFile(configFile, 'the tokenizer config'),
        { file: configFile },
        'the tokenizer config',
      )
    : undefined;
  let library: HfLibraryTokenizer;
  try {
    library = new HfLibraryTokenizer(json, config ?? {});
  } catch (error) {
    throw new SousError(`not a tokenizer the Hugging Face tokenizers library can load: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  return new HfTokenizer(library, { tokenizer: json, config }, file);
}
