// Trains a recipe in its own process (as `sous run` would) for the live-view test:
//   node --conditions=source --import tsx train-child.ts RECIPE OUT STEPS PAUSE_AT
// After step PAUSE_AT it prints `paused` and blocks until a byte (or the end) arrives on file
// descriptor 3, a pipe from the test (stdin is no use: a loaded module turns it non-blocking), so
// the test opens the live page mid-run on an event, not after a guessed delay.
// Does nothing when imported (a test runner given the whole folder loads every file).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runRecipe } from '@sous/runtime';
import { writeReport } from '../../src/write-report.js';

const RESUME_FD = 3;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, out, steps, pauseAt] = process.argv.slice(2);
  const result = await runRecipe({
    file,
    out,
    steps: Number(steps),
    report: writeReport,
    // metrics.jsonl has the step's line before its progress event.
    onProgress: (event) => {
      if (event.type !== 'step' || event.globalStep !== Number(pauseAt)) return;
      process.stdout.write('paused\n');
      fs.readSync(RESUME_FD, Buffer.alloc(1));
    },
  });
  process.exit(result.ok ? 0 : 1);
}
