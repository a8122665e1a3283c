// A bound on waits in tests. It turns a hang (a child process stuck, an event that never comes)
// into a failure that says what never happened; it is not a speed check, so keep the bound far
// above any plausible duration on a slow, shared machine.
export const HANG_GUARD_MS = 180_000;

/** `promise`, or a rejection naming `what` when it has not settled within `ms`. */
export function hangGuard<T>(promise: Promise<T>, what: string, ms = HANG_GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang guard: ${what} did not happen within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}
