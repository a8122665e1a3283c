// The port type @sous/rewards adds, and the TypeScript value it carries into a node's `run`.
// `SequenceClassifier` is declared here, by the reward that reads it, rather than in the kit: the
// contract is the reward's (log-probabilities of classes over windows of a sequence), the kit and
// the language stay unchanged, and a plugin that makes one (a music plugin: a composer CNN over
// the bootleg windows of decoded pieces) depends on this package's types only, never the reverse.
import type { Rollouts } from '@sous/core';

/** A classifier read window by window over generated sequences: what a style reward asks of a model. */
export interface SequenceClassifier {
  readonly kind: 'sequence_classifier';
  /** Class names, indexed by class. */
  readonly classes: readonly string[];
  /** Per sequence of the rollouts, log p(class | window) for each of its windows: row-major
   * [windows, classes]; empty when the sequence has no window. */
  windowLogProbs(rollouts: Rollouts): Float64Array[];
}

declare module '@sous/core' {
  interface PortValues {
    SequenceClassifier: SequenceClassifier;
  }
}

export const portTypes = {
  SequenceClassifier: {
    doc: 'A classifier over generated sequences, read window by window: log-probabilities of its classes for each window of each sequence.',
  },
};
