// The smallest LanguageModel: the logits of the next token are a row of a [vocab, vocab] table
// picked by the current token. Plugin tests use it where expected numbers must be computable by
// hand (samplers, losses, evals); its cache only counts positions.
import type * as tfTypes from '@tensorflow/tfjs';
import type { DecodeCache, LanguageModel, Tokenizer } from './model.js';
import { tf } from './tf.js';

export interface BigramModelOptions {
  contextLength?: number;
  tokenizer?: Tokenizer;
  /** False makes a frozen model (a reference policy). */
  trainable?: boolean;
}

export class BigramModel implements LanguageModel {
  readonly kind = 'model' as const;
  readonly vocabSize: number;
  readonly contextLength: number;
  readonly tokenizer?: Tokenizer;
  readonly trainable: boolean;
  /** table[current token] = logits of the next token. */
  readonly table: tfTypes.Variable;

  constructor(table: number[][], options: BigramModelOptions = {}) {
    this.vocabSize = table.length;
    if (table.some((row) => row.length !== this.vocabSize))
      throw new RangeError('BigramModel: the table must be square');
    const initial = tf.tensor2d(table);
    this.table = tf.variable(initial, options.trainable ?? true);
    initial.dispose();
    this.contextLength = options.contextLength ?? 64;
    this.tokenizer = options.tokenizer;
    this.trainable = options.trainable ?? true;
  }

  namedVariables(): Map<string, tfTypes.Variable> {
    return new Map([['table', this.table]]);
  }

  logits(tokens: tfTypes.Tensor2D): tfTypes.Tensor3D {
    return tf.tidy(() => {
      const [batch, time] = tokens.shape;
      // A one-hot matmul rather than a gather: every backend has its gradient.
      const oneHot = tf.oneHot(tf.reshape(tokens, [batch * time]), this.vocabSize);
      return tf.reshape(tf.matMul(oneHot, this.table), [batch, time, this.vocabSize]);
    });
  }

  newCache(): DecodeCache {
    return { length: 0, dispose() {} };
  }

  decode(tokens: tfTypes.Tensor2D, cache: DecodeCache): tfTypes.Tensor3D {
    (cache as { length: number }).length += tokens.shape[1];
    return this.logits(tokens);
  }

  dispose(): void {
    this.table.dispose();
  }
}
