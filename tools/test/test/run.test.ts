// tools/test/run.mjs end to end on a throwaway package: what uvu ran, passed, failed and skipped
// lands in .test-results.json, and a failure or a crash is a non-zero exit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUN = path.resolve(here, '..', 'run.mjs');
// The throwaway package lives outside the workspace: it imports uvu by its file URL.
const UVU = pathToFileURL(path.resolve(here, '../../../node_modules/uvu/dist/index.mjs')).href;

/** Runs run.mjs in a new package whose test/ holds `files`; its exit code and results. */
function runPackage(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-run-'));
  try {
    fs.mkdirSync(path.join(dir, 'test'));
    for (const [name, text] of Object.entries(files))
      fs.writeFileSync(path.join(dir, 'test', name), `import { test } from '${UVU}';\n${text}\ntest.run();\n`);
    const child = spawnSync(process.execPath, [RUN], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SOUS_COVERAGE: '' },
    });
    return { code: child.status, results: JSON.parse(fs.readFileSync(path.join(dir, '.test-results.json'), 'utf8')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('passed, failed and skipped tests are each counted', () => {
  const { code, results } = runPackage({
    'a.test.ts': `test('passes', () => {});\ntest.skip('skipped');\ntest('fails', () => { throw new Error('no'); });`,
    'b.test.ts': `test('passes too', () => {});\ntest.skip('skipped too');`,
  });
  assert.is(code, 1);
  assert.equal(results, { passed: 2, failed: 1, skipped: 2 });
});

test('all passing exits 0', () => {
  const { code, results } = runPackage({ 'a.test.ts': `test('passes', () => {});` });
  assert.is(code, 0);
  assert.equal(results, { passed: 1, failed: 0, skipped: 0 });
});

test('a file that does not load counts as one failure', () => {
  const { code, results } = runPackage({ 'a.test.ts': `throw new Error('broken import');` });
  assert.is(code, 1);
  assert.equal(results, { passed: 0, failed: 1, skipped: 0 });
});

test.run();
