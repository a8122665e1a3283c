// Where the cursor is, for completion, read from the lexer's tokens around it (not from the AST:
// the text being typed rarely parses). The answer is a slot — the start of a statement, the value
// of a binding or setting, an argument of a call, the value of a named argument, an operand — and,
// when the cursor follows `name.`, the object whose members to offer.
import type { LexedToken } from '../syntax.js';

/** The callee of the call the cursor is in: `namespace.callee(` or a built-in `callee(`. */
export interface CallSite {
  namespace?: string;
  callee: string;
}

export type Slot =
  | { kind: 'statement' }
  | { kind: 'after-eval' }
  | { kind: 'setting-value'; setting: string }
  | { kind: 'binding-value'; name: string }
  /** At the start of an argument: `positional` arguments come before it, `named` are set. */
  | { kind: 'argument'; call: CallSite; positional: number; named: Set<string> }
  | { kind: 'argument-value'; call: CallSite; name: string }
  | { kind: 'operand'; operator: string }
  | { kind: 'none' };

export interface CompletionContext {
  slot: Slot;
  /** `object.` precedes the word being typed. */
  memberOf?: string;
  /** Offset where the word being typed starts (the cursor when there is none). */
  wordStart: number;
}

const NONE: CompletionContext = { slot: { kind: 'none' }, wordStart: 0 };
/** Tokens after which a statement goes on (on the next line too). */
const CONTINUES = new Set(['=', ',', '(', '[', ':', '.', '+', '-', '*', '&', '|', '!']);

const isWord = (t: LexedToken) => t.category === 'name' || t.category === 'keyword' || t.category === 'reserved';
const start = (t: LexedToken) => t.range.start.offset;
const end = (t: LexedToken) => t.range.end.offset;

/** True when the cursor is inside a comment or a string (an unterminated one runs to its end). */
function insideText(tokens: LexedToken[], offset: number): boolean {
  return tokens.some((t) => {
    if (t.category === 'comment') return start(t) < offset && offset <= end(t);
    if (t.category !== 'string') return false;
    const closed = t.text.length > 1 && t.text.endsWith('"');
    return start(t) < offset && (offset < end(t) || (offset === end(t) && !closed));
  });
}

/** `line` is the cursor's 1-based line. */
export function completionContext(tokens: LexedToken[], offset: number, line: number): CompletionContext {
  if (insideText(tokens, offset)) return NONE;
  const code = tokens.filter((t) => t.category !== 'comment');
  let before = code.filter((t) => end(t) <= offset);
  let wordStart = offset;
  const touching = before.at(-1);
  if (touching && end(touching) === offset) {
    if (isWord(touching)) {
      wordStart = start(touching);
      before = before.slice(0, -1);
    } else if (touching.category === 'number' || touching.category === 'quantity') {
      return NONE;
    }
  }
  const after = code.filter((t) => start(t) >= offset);
  let memberOf: string | undefined;
  if (before.at(-1)?.text === '.' && before.at(-2)?.category === 'name') {
    memberOf = before.at(-2)!.text;
    before = before.slice(0, -2);
  }
  return { slot: slotAfter(before, after, line), memberOf, wordStart };
}

function atStatementStart(before: LexedToken[], index: number, line: number): boolean {
  const previous = before[index - 1];
  if (!previous || previous.text === '{' || previous.text === '}') return true;
  return previous.range.end.line < line && !CONTINUES.has(previous.text);
}

function slotAfter(tokens: LexedToken[], after: LexedToken[], line: number): Slot {
  // Inside a list or a parenthesised expression the slot is the one the bracket itself is in:
  // step out of those (a loop, with an end index, as they may nest thousands deep).
  let end = tokens.length;
  for (let opener = unclosedBracket(tokens, end); opener !== undefined; opener = unclosedBracket(tokens, end)) {
    if (tokens[opener].text === '(' && tokens[opener - 1]?.category === 'name')
      return slotInCall(tokens.slice(0, end), opener, after);
    end = opener;
  }
  const before = tokens.slice(0, end);
  const previous = before.at(-1);
  if (atStatementStart(before, before.length, line)) return { kind: 'statement' };
  if (!previous) return { kind: 'none' };
  if (previous.text === '=' && before.at(-2)?.category === 'name')
    return { kind: 'binding-value', name: before.at(-2)!.text };
  if (previous.category === 'operator') return { kind: 'operand', operator: previous.text };
  if (previous.text === 'eval') return { kind: 'after-eval' };
  if (
    previous.category === 'name' &&
    previous.range.end.line === line &&
    atStatementStart(before, before.length - 1, line)
  ) {
    return { kind: 'setting-value', setting: previous.text };
  }
  return { kind: 'none' };
}

/** Index of the innermost `(` or `[` still open before `before[end]`, within the statement. */
function unclosedBracket(before: LexedToken[], end: number): number | undefined {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const text = before[i].text;
    if (text === ')' || text === ']') depth++;
    else if (text === '(' || text === '[') {
      if (depth === 0) return i;
      depth--;
    } else if (text === '{' || text === '}' || (text === '=' && depth === 0)) {
      return undefined;
    }
  }
  return undefined;
}

/** The argument tokens of a call opened at `before[opener]`, split at its top-level commas;
 * the part after the cursor runs to the matching `)`. */
function argumentSegments(tokens: LexedToken[]): LexedToken[][] {
  const segments: LexedToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.text === '(' || token.text === '[') depth++;
    else if (token.text === ')' || token.text === ']') {
      if (depth === 0) break;
      depth--;
    } else if (token.text === '{' || token.text === '}') break;
    if (token.text === ',' && depth === 0) segments.push([]);
    else segments.at(-1)!.push(token);
  }
  return segments;
}

const namedArgument = (segment: LexedToken[]) =>
  segment[0]?.category === 'name' && segment[1]?.text === ':' ? segment[0].text : undefined;

/** In the arguments of the call whose `(` is `before[opener]`. */
function slotInCall(before: LexedToken[], opener: number, after: LexedToken[]): Slot {
  const callee = before[opener - 1];
  const call: CallSite =
    before[opener - 2]?.text === '.' && before[opener - 3]?.category === 'name'
      ? { namespace: before[opener - 3].text, callee: callee.text }
      : { callee: callee.text };
  const typed = argumentSegments(before.slice(opener + 1));
  const current = typed.at(-1)!;
  const rest = argumentSegments(after);
  rest.shift(); // the rest of the argument under the cursor
  const named = new Set([...typed.slice(0, -1), ...rest].flatMap((s) => namedArgument(s) ?? []));
  const positional = typed.slice(0, -1).filter((s) => namedArgument(s) === undefined).length;
  if (current.length === 0) return { kind: 'argument', call, positional, named };
  const name = namedArgument(current);
  const last = current.at(-1)!;
  if (name !== undefined && (current.length === 2 || CONTINUES.has(last.text)))
    return { kind: 'argument-value', call, name };
  if (last.category === 'operator') return { kind: 'operand', operator: last.text };
  return { kind: 'none' };
}
