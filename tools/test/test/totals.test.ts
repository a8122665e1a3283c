// The counting behind `npm test`: uvu's summary read right (skipped tests on top of its Total,
// colours or not), and the minimum-count guard naming the package that fell short.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { minimumProblems, uvuTotals } from '../totals.mjs';

const summary = (total: number, passed: number, skipped: string) =>
  `• • ✘  (2 / 3)\n\n  Total:     ${total}\n  Passed:    ${passed}\n  Skipped:   ${skipped}\n  Duration:  12.00ms\n\n`;

test("uvu's summary: failed is Total − Passed, skipped tests come on top of Total", () => {
  assert.equal(uvuTotals(summary(3, 2, '4')), { passed: 2, failed: 1, skipped: 4 });
});

test('a coloured summary (FORCE_COLOR) counts the same', () => {
  assert.equal(uvuTotals(`\u001b[32m${summary(3, 3, '\u001b[33m2\u001b[39m')}\u001b[39m`), {
    passed: 3,
    failed: 0,
    skipped: 2,
  });
});

test("the last summary counts, not a test's own output that looks like one", () => {
  assert.equal(uvuTotals(`  Total:     99\n${summary(1, 1, '0')}`), { passed: 1, failed: 0, skipped: 0 });
});

test('output without a summary (uvu crashed) gives undefined', () => {
  assert.is(uvuTotals('SyntaxError: Unexpected token\n'), undefined);
});

test('minimums: a package under its minimum, a missing results file and a missing minimum are each named', () => {
  const problems = minimumProblems(
    {
      '@sous/a': { passed: 9, failed: 0, skipped: 0 },
      '@sous/b': undefined,
      '@sous/c': { passed: 2, failed: 0, skipped: 1 },
      '@sous/d': { passed: 4, failed: 0, skipped: 1 },
    },
    { '@sous/a': 10, '@sous/b': 1, '@sous/d': 5, '@sous/gone': 3 },
  );
  assert.is(problems.length, 4);
  assert.match(problems[0], /^@sous\/a: 9 tests passed or skipped, fewer than its recorded minimum of 10/);
  assert.match(problems[1], /^@sous\/b: no test results/);
  assert.match(problems[2], /^@sous\/c: no minimum .* add "@sous\/c": 3$/);
  assert.match(problems[3], /^@sous\/gone: /);
});

test('minimums: skipped tests count towards the minimum', () => {
  assert.equal(minimumProblems({ '@sous/a': { passed: 3, failed: 0, skipped: 2 } }, { '@sous/a': 5 }), []);
});

test.run();
