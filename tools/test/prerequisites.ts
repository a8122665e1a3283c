// Tests that need something outside npm (Chromium, PyTorch, the native addon) never vanish when
// it is missing: they are registered all the same, and fail in CI (CI=true), where .ci/run
// installs every prerequisite, or count as skipped elsewhere, so that the closing
// `N passed, N failed, N skipped` line of `npm test` shows them.
import type { Test } from 'uvu';
import { inCI } from './totals.mjs';

/**
 * Calls `register` with `test` when `missing` is undefined. Otherwise `missing` says what is
 * absent and how to install it, and `register` gets a stand-in whose tests fail with that
 * message in CI and are skipped (uvu's `test.skip`) elsewhere, and whose hooks do nothing.
 */
export function whenAvailable<T>(
  test: Test<T>,
  missing: string | undefined,
  register: (test: Test<T>) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (missing === undefined) return register(test);
  const failing = inCI(env);
  console.log(`${failing ? 'failing in CI' : 'skipped'}: tests that need ${missing}`);
  const standIn = ((name: string) => {
    if (failing)
      test(name, () => {
        throw new Error(`missing prerequisite: ${missing}`);
      });
    else test.skip(name);
  }) as unknown as Test<T>;
  const noHook = Object.assign(() => {}, { each: () => {} });
  Object.assign(standIn, { before: noHook, after: noHook, only: standIn, skip: test.skip, run: test.run });
  register(standIn);
}
