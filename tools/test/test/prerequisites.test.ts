// Tests that need a missing prerequisite are still registered: skipped outside CI, failing with
// the install hint in CI; their hooks do not run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Callback, Test } from 'uvu';
import { whenAvailable } from '../prerequisites.js';

/** A stand-in for uvu's `test` that records what is registered on it. */
function recorder() {
  const registered: { name: string; body: Callback }[] = [],
    skipped: (string | undefined)[] = [],
    hooks: string[] = [];
  const fake = Object.assign(
    (name: string, body: Callback) => {
      registered.push({ name, body });
    },
    {
      skip: (name?: string) => {
        skipped.push(name);
      },
      before: Object.assign(
        () => {
          hooks.push('before');
        },
        {
          each: () => {
            hooks.push('before.each');
          },
        },
      ),
      after: Object.assign(
        () => {
          hooks.push('after');
        },
        {
          each: () => {
            hooks.push('after.each');
          },
        },
      ),
      only: () => {},
      run: () => {},
    },
  ) as unknown as Test;
  return { fake, registered, skipped, hooks };
}

const register = (t: Test) => {
  t.before(() => {});
  t('draws the chart', () => {});
  t('serves the page', () => {});
  t.after(() => {});
};

test('present: the tests and hooks are registered as they are', () => {
  const { fake, registered, skipped, hooks } = recorder();
  whenAvailable(fake, undefined, register, { CI: 'true' });
  assert.equal(
    registered.map((r) => r.name),
    ['draws the chart', 'serves the page'],
  );
  assert.equal(skipped, []);
  assert.equal(hooks, ['before', 'after']);
});

test('missing outside CI: every test is counted as skipped, no hook registered', () => {
  const { fake, registered, skipped, hooks } = recorder();
  whenAvailable(fake, 'chromium (apt-get install chromium)', register, {});
  assert.equal(registered, []);
  assert.equal(skipped, ['draws the chart', 'serves the page']);
  assert.equal(hooks, []);
});

test('missing in CI: every test is registered and fails with the install hint', async () => {
  const { fake, registered, skipped, hooks } = recorder();
  whenAvailable(fake, 'chromium (apt-get install chromium)', register, { CI: 'true' });
  assert.equal(
    registered.map((r) => r.name),
    ['draws the chart', 'serves the page'],
  );
  assert.equal(skipped, []);
  assert.equal(hooks, []);
  for (const { body } of registered) {
    assert.throws(
      () => body({ __suite__: '', __test__: '' }),
      /missing prerequisite: chromium \(apt-get install chromium\)/,
    );
  }
});

test.run();
