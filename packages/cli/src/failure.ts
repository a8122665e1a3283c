// How every command reports a failure: a SousError (bad input the user can fix) is one paragraph;
// anything else is an internal error whose stack shows only with `--debug`. Exit code 2.
import { formatSousError, SousError } from '@sous/core';
import { EXIT } from './exit-codes.js';

/** The stack of an unexpected error, or of what a SousError wraps. */
function stackOf(error: unknown): string {
  const cause = error instanceof SousError && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
}

/** Prints the failure on stderr and returns the exit code for it. */
export function reportFailure(command: string, error: unknown, debug: boolean | undefined): number {
  if (error instanceof SousError) {
    process.stderr.write(`${formatSousError(error)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `sous ${command}: internal error: ${message}${debug ? '' : ' (run with --debug for the stack trace)'}\n`,
    );
  }
  if (debug) process.stderr.write(`${stackOf(error)}\n`);
  return EXIT.failure;
}
