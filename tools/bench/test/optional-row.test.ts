// A secondary row that does not finish (grpo-small on plain wasm aborts) becomes one note naming
// the child's error; the benchmark goes on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeRow, optionalRow } from '../rows.js';
import type { Row } from '../grpo/timing.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const aborting = path.join(here, 'fixtures', 'aborting-row.ts');

test('a failed optional row is no row and one note with the error line, however often it fails', () => {
  const notes = new Set<string>();
  for (let round = 0; round < 2; round++)
    assert.equal(
      optionalRow('sous on wasm', () => nodeRow(aborting, [], { quiet: true }), notes),
      [],
    );
  assert.equal(
    [...notes],
    ['sous on wasm: did not finish (RuntimeError: Aborted(). Build with -sASSERTIONS for more info.)'],
  );
});

test('a row that finishes is returned as measured, with no note', () => {
  const notes = new Set<string>();
  const row = { implementation: 'sous', backend: 'wasm', threads: 1, sample_tok_s: 1, train_tok_s: 2, ms_per_step: 3 };
  assert.equal(
    optionalRow('sous on wasm', () => row as Row, notes),
    [row],
  );
  assert.is(notes.size, 0);
});

test.run();
