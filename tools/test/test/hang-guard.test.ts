// The hang guard passes a settled promise through and turns one that never settles into a failure
// naming what did not happen.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hangGuard } from '../hang-guard.js';

test('a promise that settles passes through, value or error', async () => {
  assert.is(await hangGuard(Promise.resolve(7), 'seven'), 7);
  try {
    await hangGuard(Promise.reject(new Error('boom')), 'boom');
    assert.unreachable('rejects');
  } catch (error) {
    assert.is((error as Error).message, 'boom');
  }
});

test('a promise that never settles fails, naming what never happened', async () => {
  try {
    await hangGuard(new Promise(() => {}), 'the server exiting', 1);
    assert.unreachable('rejects');
  } catch (error) {
    assert.is((error as Error).message, 'hang guard: the server exiting did not happen within 0.001 s');
  }
});

test.run();
