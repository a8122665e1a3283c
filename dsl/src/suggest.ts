// "Did you mean": the closest known name to a misspelt one, by Levenshtein edit distance.
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `name`, or undefined when none is close enough to be a likely typo:
 * at most 40% of the name's length in edits, but two for any name of three or more characters
 * (a swapped pair, `gruop`, costs two) and one for shorter ones. Ties go to the candidate listed
 * first, so callers list the likeliest names first. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const budget = name.length < 3 ? 1 : Math.max(2, Math.floor(name.length * 0.4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // Case-only differences (`AdamW` for `adamw`) count as one edit.
    const d = candidate.toLowerCase() === name.toLowerCase() ? 1 : distance(name, candidate);
    if (d <= budget && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
