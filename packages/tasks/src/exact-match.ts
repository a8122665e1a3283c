// The verifier of tasks whose answers are short exact strings (arithmetic, most JSONL files).
import type { Example } from '@sous/core';

/**
 * True when the completion, trimmed, equals the reference answer. `completion` is the text
 * generated after the prompt up to (not including) eos: decoders cut at eos before verifying, so
 * a model that keeps writing after its answer is wrong.
 */
export function exactMatch(completion: string, example: Example): boolean {
  return completion.trim() === example.answer.trim();
}
