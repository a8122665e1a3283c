// SousError: a failure the user can fix (bad recipe value, missing plugin, corrupt checkpoint,
// unknown backend). The CLI prints `formatSousError(e)` — one paragraph, no stack trace — and
// exits 2; anything that is not a SousError is a bug and shows its stack only with `--debug`.

export interface SousErrorOptions {
  /** The file the problem is in (a recipe, data file, checkpoint) or a flag such as `--backend`. */
  file?: string;
  /** 1-based position in `file`, when known. */
  line?: number;
  column?: number;
  cause?: unknown;
  /** What to do about it, appended as its own sentence. */
  hint?: string;
  /** The id of the node message it was made from (`ctx.fail(id, data)`), for tests to assert. */
  messageId?: string;
  data?: Record<string, unknown>;
}

export class SousError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly messageId?: string;
  readonly data?: Record<string, unknown>;

  constructor(message: string, options: SousErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SousError';
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    this.messageId = options.messageId;
    this.data = options.data;
  }
}

/** One of a node's messages: its text, or its text and what to do about it. */
export type NodeMessage = string | { message: string; hint?: string };

/** The SousError for message `messageId` of a node's `messages`, `{{name}}` filled from `data`. An
 * id the node does not declare is a bug in the node, and says so. */
export function messageError(
  messages: Record<string, NodeMessage> | undefined,
  messageId: string,
  data: Record<string, unknown> = {},
): SousError {
  const declared = messages && Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  if (declared === undefined) {
    throw new Error(
      `ctx.fail("${messageId}"): the node declares no such message (declared: ${Object.keys(messages ?? {}).join(', ') || 'none'})`,
    );
  }
  const { message, hint } = typeof declared === 'string' ? { message: declared, hint: undefined } : declared;
  const fill = (template: string) =>
    template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      Object.hasOwn(data, name) ? String(data[name]) : whole,
    );
  return new SousError(fill(message), { messageId, data, hint: hint === undefined ? undefined : fill(hint) });
}

export function isSousError(error: unknown): error is SousError {
  return error instanceof SousError;
}

/** `file:line:column: message hint` as one paragraph (the parts that are known). */
export function formatSousError(error: SousError): string {
  let where = error.file ?? '';
  if (where && error.line !== undefined) {
    where += `:${error.line}`;
    if (error.column !== undefined) where += `:${error.column}`;
  }
  const message = where ? `${where}: ${error.message}` : error.message;
  if (!error.hint) return message;
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${error.hint}`;
}
