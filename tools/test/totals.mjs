// The counting behind `npm test`: reading uvu's summary, and the guard that no package's number of
// tests drops below the minimum recorded in minimums.json.
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * True where a missing prerequisite must fail the tests that need it, and no test may be skipped.
 * @param {NodeJS.ProcessEnv} env
 */
export function inCI(env = process.env) {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * The workspace packages (dsl, packages/*, tools/*) that have a `test` script.
 * @param {string} root the repository root
 * @returns {{ name: string, dir: string }[]} npm names and absolute folders
 */
export function testedPackages(root) {
  /** @param {string} folder */
  const inFolder = (folder) => fs.readdirSync(path.join(root, folder)).map((d) => path.join(root, folder, d));
  return [path.join(root, 'dsl'), ...inFolder('packages'), ...inFolder('tools')]
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.scripts?.test)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }));
}

/**
 * Totals from uvu's closing summary (`Total: / Passed: / Skipped:`), or undefined when the output
 * has no summary (uvu died first). uvu's Total counts the tests it ran, so skipped ones
 * (`test.skip`, or left out by `test.only`) come on top of it. Colours are stripped: a forced
 * colour (FORCE_COLOR) wraps the skipped count in escape codes.
 * @param {string} stdout
 * @returns {{ passed: number, failed: number, skipped: number } | undefined}
 */
export function uvuTotals(stdout) {
  const text = stripVTControlCharacters(stdout);
  // The last match: a test may print a line like these itself.
  /** @param {string} label */
  const count = (label) => [...text.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, 'gm'))].pop()?.[1];
  const [total, passed, skipped] = ['Total', 'Passed', 'Skipped'].map(count);
  if (total === undefined || passed === undefined || skipped === undefined) return undefined;
  return { passed: Number(passed), failed: Number(total) - Number(passed), skipped: Number(skipped) };
}

/**
 * One message for each package whose tests fell under its recorded minimum, whose results are
 * missing, or that has no minimum recorded.
 * @param {Record<string, { passed: number, failed: number, skipped: number } | undefined>} results by package name; undefined where the results file is missing
 * @param {Record<string, number>} minimums by package name
 * @returns {string[]}
 */
export function minimumProblems(results, minimums) {
  const problems = [];
  for (const [name, result] of Object.entries(results)) {
    const minimum = minimums[name];
    if (minimum === undefined)
      problems.push(
        `${name}: no minimum number of tests is recorded in tools/test/minimums.json; add "${name}": ${result ? result.passed + result.skipped : 'N'}`,
      );
    else if (result === undefined)
      problems.push(`${name}: no test results (.test-results.json is missing): its tests did not run`);
    else if (result.passed + result.skipped < minimum) {
      problems.push(
        `${name}: ${result.passed + result.skipped} tests passed or skipped, fewer than its recorded minimum of ${minimum} (tools/test/minimums.json): a test file stopped registering tests, or tests were removed on purpose and the minimum must be lowered in the same change`,
      );
    }
  }
  for (const name of Object.keys(minimums)) {
    if (!(name in results))
      problems.push(
        `${name}: has a minimum in tools/test/minimums.json but no workspace package with a test script has that name`,
      );
  }
  return problems;
}
