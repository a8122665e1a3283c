// Hugging Face tokenizers (`tokenizer.json`, optional `tokenizer_config.json`) read from disk and
// run by the maintained @huggingface/tokenizers library. Nothing is fetched from the network.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as HfLibraryTokenizer } from '@huggingface/tokenizers';
import { SousError, type Tokenizer } from '@sous/core';
import { readJsonFile } from '../json-file.js';

/** A special token in tokenizer_config.json: a string or an AddedToken object `{ content }`. */
function specialTokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content;
  }
  return undefined;
}

/** The JSON a tokenizer was loaded from, kept so that a checkpoint can write it back unchanged. */
export interface HfTokenizerFiles {
  /** The content of tokenizer.json. */
  tokenizer: Record<string, unknown>;
  /** The content of tokenizer_config.json, when there was one. */
  config?: Record<string, unknown>;
}

export class HfTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bos?: number;
  readonly eos?: number;
  readonly pad?: number;

  /** `files` is what `tokenizer` was built from; `file` names the tokenizer.json in errors. */
  constructor(private readonly tokenizer: HfLibraryTokenizer, readonly files: HfTokenizerFiles, readonly file: string) {
    this.vocabSize = Math.max(-1, ...tokenizer.get_vocab(true).values()) + 1;
    const idOf = (key: string) => {
      const text = specialTokenText(files.config?.[key]);
      return text === undefined ? undefined : tokenizer.token_to_id(text);
    };
    this.bos = idOf('bos_token');
    this.eos = idOf('eos_token');
    this.pad = idOf('pad_token');
  }

  /** Ids of `text`, without the special tokens a post-processor would add (bos/eos are the
   * caller's choice, as with CharTokenizer). */
  encode(text: string): number[] {
    const { ids, tokens } = this.tokenizer.encode(text, { add_special_tokens: false });
    const missing = ids.findIndex((id: number | undefined) => id === undefined);
    if (missing >= 0) {
      throw new SousError(`the tokenizer has no id for the piece ${JSON.stringify(tokens[missing])} of ${JSON.stringify(text)}`, { file: this.file });
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
  const json = readJsonFile(file, 'the tokenizer file');
  const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
  const config = fs.existsSync(configFile) ? readJsonFile(configFile, 'the tokenizer config') : undefined;
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new SousError('the tokenizer file does not hold a JSON object', { file });
  if (config !== undefined && (!config || typeof config !== 'object' || Array.isArray(config))) {
    throw new SousError('the tokenizer config does not hold a JSON object', { file: configFile });
  }
  let library: HfLibraryTokenizer;
  try {
    library = new HfLibraryTokenizer(json, config ?? {});
  } catch (error) {
    throw new SousError(`not a tokenizer the Hugging Face tokenizers library can load: ${(error as Error).message}`, { file, cause: error });
  }
  return new HfTokenizer(library, { tokenizer: json as Record<string, unknown>, config: config as Record<string, unknown> | undefined }, file);
}
