// Its own module so that the commands and program.ts, which registers them, need not import each other.

/** Exit codes: 0 success, 1 recipe errors (diagnostics), 2 usage or runtime failure. */
export const EXIT = { ok: 0, recipe: 1, failure: 2 } as const;
