// Canonical text of expressions. One layout serves both `printExpression` (always one line) and
// the formatter, which also keeps two kinds of line break found in the source:
//   - a break between the operands of a binary operator (`loss = a` / `+ 0.04 * b`), printed with
//     the operator leading the new line;
//   - an "exploded" call or list, whose first item starts on a later line than its opening
//     bracket: one item per line, each followed by a comma, the closing bracket on its own line.
// Everything else prints on one line. The AST has no parenthesis node, so parentheses are
// re-derived from precedence (operators are left-associative).
import type { Expression, Range } from './ast.js';

export const BINARY_PRECEDENCE = { '|': 1, '&': 2, '+': 3, '-': 3, '*': 4 } as const;
const UNARY_PRECEDENCE = 5;
const POSTFIX_PRECEDENCE = 6;
const ATOM_PRECEDENCE = 7;

function precedence(expression: Expression): number {
  switch (expression.type) {
    case 'Binary':
      return BINARY_PRECEDENCE[expression.operator];
    case 'Unary':
      return UNARY_PRECEDENCE;
    case 'Member':
    case 'Call':
      return POSTFIX_PRECEDENCE;
    default:
      return ATOM_PRECEDENCE;
  }
}

const ESCAPED: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t' };

/** A string literal as source text (the four escapes the lexer knows). */
export function quoteString(value: string): string {
  return `"${value.replace(/["\\\n\t]/g, (c) => ESCAPED[c])}"`;
}

/** Where the layout writes. The formatter's sink also places comments at line breaks. */
export interface LayoutSink {
  write(text: string): void;
  /** Ends the line, placing the source comments found in [from, to) (the first as a trailing
   * comment when it sits on the line of `from`, the rest on their own lines at
   * `commentIndent`), and starts a new line at `indent`. */
  lineBreak(from: number, to: number, commentIndent: number, indent: number): void;
  /** Indent of the line being written. */
  readonly indent: number;
}

interface Item {
  range: Range;
  print(): void;
}

export class ExpressionLayout {
  /** @param keepBreaks keep the source's line breaks (formatter) or print one line.
   *  @param continuationIndent where a line that continues a binary expression starts. */
  constructor(
    private readonly sink: LayoutSink,
    private readonly keepBreaks: boolean,
    private continuationIndent: number,
  ) {}

  print(expression: Expression): void {
    const write = (text: string) => this.sink.write(text);
    switch (expression.type) {
      case 'Number':
      case 'Quantity':
        return write(expression.raw);
      case 'String':
        return write(quoteString(expression.value));
      case 'Bool':
        return write(String(expression.value));
      case 'Identifier':
        return write(expression.name);
      case 'Error':
        return write('<error>');
      case 'List': {
        const items = expression.items.map((item) => ({ range: item.range, print: () => this.print(item) }));
        return this.sequence(
          '[',
          items,
          ']',
          expression.range.start.line,
          expression.range.start.offset + 1,
          expression.range.end.offset - 1,
        );
      }
      case 'Member':
        this.operand(expression.object, POSTFIX_PRECEDENCE);
        return write(`.${expression.member.name}`);
      case 'Call': {
        this.operand(expression.callee, POSTFIX_PRECEDENCE);
        const items = expression.args.map((arg) => ({
          range: arg.range,
          print: () => {
            if (arg.name) write(`${arg.name.name}: `);
            this.print(arg.value);
          },
        }));
        const callee = expression.callee.range.end;
        return this.sequence('(', items, ')', callee.line, callee.offset, expression.range.end.offset - 1);
      }
      case 'Unary':
        write(expression.operator);
        return this.operand(expression.operand, UNARY_PRECEDENCE);
      case 'Binary': {
        const level = BINARY_PRECEDENCE[expression.operator];
        const { left, right } = expression;
        this.operand(left, level);
        if (this.keepBreaks && left.range.end.line < right.range.start.line) {
          this.sink.lineBreak(
            left.range.end.offset,
            right.range.start.offset,
            this.continuationIndent,
            this.continuationIndent,
          );
          write(`${expression.operator} `);
        } else {
          write(` ${expression.operator} `);
        }
        // Left-associative: an equal-precedence right operand keeps its parentheses.
        return this.operand(right, level + 1);
      }
    }
  }

  private operand(expression: Expression, minimum: number): void {
    if (precedence(expression) >= minimum) return this.print(expression);
    this.sink.write('(');
    this.print(expression);
    this.sink.write(')');
  }

  /** Call arguments or list items: on one line, or exploded one per line (see header). */
  private sequence(
    open: string,
    items: Item[],
    close: string,
    openLine: number,
    openOffset: number,
    closeOffset: number,
  ): void {
    const write = (text: string) => this.sink.write(text);
    write(open);
    const exploded = this.keepBreaks && items.length > 0 && items[0].range.start.line > openLine;
    if (!exploded) {
      items.forEach((item, i) => {
        if (i > 0) write(', ');
        item.print();
      });
      return write(close);
    }
    const outer = this.sink.indent;
    const inner = outer + 2;
    const savedContinuation = this.continuationIndent;
    this.continuationIndent = inner + 2;
    let gapStart = openOffset;
    for (const item of items) {
      this.sink.lineBreak(gapStart, item.range.start.offset, inner, inner);
      item.print();
      write(',');
      gapStart = item.range.end.offset;
    }
    this.continuationIndent = savedContinuation;
    this.sink.lineBreak(gapStart, closeOffset, inner, outer);
    write(close);
  }
}

/** The canonical one-line text of an expression (`objectives.kl(policy, ref, estimator: "k3")`). */
export function printExpression(expression: Expression): string {
  let text = '';
  const sink: LayoutSink = {
    write: (piece) => {
      text += piece;
    },
    lineBreak: () => {
      text += ' ';
    },
    indent: 0,
  };
  new ExpressionLayout(sink, false, 0).print(expression);
  return text;
}
