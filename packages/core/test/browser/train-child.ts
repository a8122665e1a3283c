// Trains a recipe in its own process (as `sous run` would) for the live-view test:
//   node --conditions=source --import tsx train-child.ts RECIPE OUT STEPS
// Does nothing when imported (a test runner given the whole folder loads every file).
import { pathToFileURL } from 'node:url';
import { runRecipe } from '../../src/train/run-recipe.js';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, out, steps] = process.argv.slice(2);
  const result = await runRecipe({ file, out, steps: Number(steps) });
  process.exit(result.ok ? 0 : 1);
}
