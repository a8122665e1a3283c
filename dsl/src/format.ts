// The canonical formatter (`sous fmt`). No options. The style:
//   - one statement per line, blocks indented by 2 spaces, `}` on its own line; an empty block
//     is `{}`; an eval block with one comment-free, one-line statement stays on one line:
//     `eval every 50 { objectives.accuracy(policy, task.test) }`;
//   - runs of blank lines collapse to one; blank lines after `{`, before `}` and at the ends of
//     the file go;
//   - in a run of consecutive bindings (no blank line between them) the `=` signs align;
//   - expressions print canonically (print.ts), keeping binary-operator line breaks (the next line
//     starts with the operator, under the binding's `=`) and exploded calls and lists;
//   - comments stay: an own-line comment stays on its own line before what follows it, a trailing
//     comment stays at the end of its line (two spaces before `#`); a comment inside an
//     expression that prints on one line moves to its own line above the statement.
// A source with syntax errors is not formatted: `format` throws a FormatError with the
// diagnostics.
import type { Binding, Comment, EvalBlock, ExpressionStatement, Stage, StageStatement, Statement } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { ExpressionLayout, quoteString, type LayoutSink } from './print.js';
import { PositionMap } from './positions.js';
import { parse } from './syntax.js';

/** Thrown by `format` when the source does not parse; `diagnostics` says why. */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {
    const first = diagnostics[0];
    const where = first
      ? ` (first at ${file}:${first.range.start.line}:${first.range.start.column}: ${first.message})`
      : '';
    super(
      `cannot format ${file}: it has ${diagnostics.length} syntax error${diagnostics.length === 1 ? '' : 's'}${where}`,
    );
    this.name = 'FormatError';
  }
}

type BlockStatement = Statement | StageStatement | ExpressionStatement;

const INDENT = 2;

class Formatter implements LayoutSink {
  private readonly out: string[] = [];
  private readonly consumed: boolean[];
  indent = 0;

  constructor(
    private readonly source: string,
    private readonly positions: PositionMap,
    private readonly comments: Comment[],
  ) {
    this.consumed = comments.map(() => false);
  }

  text(): string {
    while (this.out.length > 0 && this.out.at(-1)!.trim() === '') this.out.pop();
    return this.out.length === 0 ? '' : `${this.out.join('\n')}\n`;
  }

  // ---- the LayoutSink the expression printer writes to -----------------------------------

  write(text: string): void {
    this.out[this.out.length - 1] += text;
  }

  lineBreak(from: number, to: number, commentIndent: number, indent: number): void {
    const fromLine = this.positions.at(from).line;
    this.take(from, to).forEach((comment, i) => {
      if (i === 0 && comment.range.start.line === fromLine) this.write(`  ${comment.text}`);
      else this.line(commentIndent, comment.text);
    });
    this.line(indent, '');
  }

  // ---- lines and comments ----------------------------------------------------------------

  private line(indent: number, text: string): void {
    this.out.push(' '.repeat(indent) + text);
    this.indent = indent;
  }

  private blankLine(): void {
    if (this.out.at(-1) !== '') this.out.push('');
  }

  /** Unconsumed comments starting in [from, to), marked consumed. */
  private take(from: number, to: number): Comment[] {
    const taken: Comment[] = [];
    this.comments.forEach((comment, i) => {
      const at = comment.range.start.offset;
      if (!this.consumed[i] && at >= from && at < to) {
        this.consumed[i] = true;
        taken.push(comment);
      }
    });
    return taken;
  }

  /** The comment after `offset` on the same line and before `limit`, if any (a trailing
   * comment). */
  private takeTrailing(offset: number, limit: number): Comment | undefined {
    let lineEnd = offset;
    while (lineEnd < this.source.length && this.source[lineEnd] !== '\n' && this.source[lineEnd] !== '\r') lineEnd++;
    return this.take(offset, Math.min(lineEnd, limit))[0];
  }

  /** True when a whitespace-only line lies between the two offsets. */
  private hasBlankLine(from: number, to: number): boolean {
    const lines = this.source.slice(from, to).split(/\r\n|\r|\n/);
    return lines.slice(1, -1).some((line) => line.trim() === '');
  }

  // ---- statements ------------------------------------------------------------------------

  /** A statement list: the file's, a stage's or an eval block's. `from`/`to` bound the source
   * region the block's comments come from. */
  block(statements: BlockStatement[], indent: number, from: number, to: number): void {
    const widths = this.bindingWidths(statements);
    let previousEnd: number | undefined;
    statements.forEach((statement, i) => {
      previousEnd = this.ownLineComments(previousEnd, from, statement.range.start.offset, indent);
      if (previousEnd !== undefined && this.hasBlankLine(previousEnd, statement.range.start.offset)) this.blankLine();
      this.statement(statement, indent, widths[i], to);
      previousEnd = statement.range.end.offset;
    });
    this.ownLineComments(previousEnd, from, to, indent);
  }

  /** Prints the own-line comments before `to`, keeping single blank lines between items;
   * returns the new end of the last item printed. */
  private ownLineComments(
    previousEnd: number | undefined,
    from: number,
    to: number,
    indent: number,
  ): number | undefined {
    for (const comment of this.take(previousEnd ?? from, to)) {
      if (previousEnd !== undefined && this.hasBlankLine(previousEnd, comment.range.start.offset)) this.blankLine();
      this.line(indent, comment.text);
      previousEnd = comment.range.end.offset;
    }
    return previousEnd;
  }

  /** The `=` column width of each binding: the longest name in its run of bindings. */
  private bindingWidths(statements: BlockStatement[]): number[] {
    const widths = statements.map(() => 0);
    let runStart = 0;
    const close = (end: number) => {
      const run = statements.slice(runStart, end);
      const width = Math.max(0, ...run.map((s) => (s.type === 'Binding' ? s.name.name.length : 0)));
      for (let j = runStart; j < end; j++) widths[j] = width;
    };
    statements.forEach((statement, i) => {
      const previous = statements[i - 1];
      const breaksRun =
        statement.type !== 'Binding' ||
        previous?.type !== 'Binding' ||
        this.hasBlankLine(previous.range.end.offset, statement.range.start.offset);
      if (breaksRun) {
        close(i);
        runStart = i;
      }
    });
    close(statements.length);
    return widths;
  }

  /** One statement; its trailing comment is looked for before `limit` (the end of its block). */
  private statement(statement: BlockStatement, indent: number, width: number, limit: number): void {
    const firstLine = this.out.length;
    this.line(indent, '');
    switch (statement.type) {
      case 'Version':
        this.write(`sous ${statement.version.raw}`);
        break;
      case 'RecipeName':
        this.write(`recipe ${quoteString(statement.name.value)}`);
        break;
      case 'Use':
        this.write(`use ${quoteString(statement.package.value)}`);
        if (statement.alias) this.write(` as ${statement.alias.name}`);
        break;
      case 'Binding':
        this.binding(statement, indent, width);
        break;
      case 'Setting':
        this.write(`${statement.name.name} `);
        this.expression(statement.value, indent + INDENT);
        break;
      case 'ExpressionStatement':
        this.expression(statement.expression, indent + INDENT);
        break;
      case 'Stage':
        this.stage(statement, indent);
        break;
      case 'Eval':
        this.evalBlock(statement, indent);
        break;
    }
    // Comments inside the statement that no line break took go above it.
    const inside = this.take(statement.range.start.offset, statement.range.end.offset);
    this.out.splice(firstLine, 0, ...inside.map((c) => ' '.repeat(indent) + c.text));
    const trailing = this.takeTrailing(statement.range.end.offset, limit);
    if (trailing) this.write(`  ${trailing.text}`);
  }

  private binding(binding: Binding, indent: number, width: number): void {
    this.write(`${binding.name.name.padEnd(width)} = `);
    // A continuation line starts under the `=`.
    this.expression(binding.value, indent + width + 1);
  }

  private expression(expression: Parameters<ExpressionLayout['print']>[0], continuationIndent: number): void {
    new ExpressionLayout(this, true, continuationIndent).print(expression);
  }

  private stage(stage: Stage, indent: number): void {
    this.write(`stage ${stage.name.name} `);
    const open = this.source.indexOf('{', stage.name.range.end.offset);
    this.body(stage.body, indent, open, stage.range.end.offset - 1, false);
  }

  private evalBlock(block: EvalBlock, indent: number): void {
    this.write('eval every ');
    this.expression(block.every, indent + INDENT);
    this.write(' ');
    const open = this.source.indexOf('{', block.every.range.end.offset);
    this.body(block.body, indent, open, block.range.end.offset - 1, true);
  }

  /** `{ ... }` from the `{` at `open` to the `}` at `close`. */
  private body(statements: BlockStatement[], indent: number, open: number, close: number, mayInline: boolean): void {
    const hasComments = this.comments.some((c) => c.range.start.offset > open && c.range.start.offset < close);
    if (statements.length === 0 && !hasComments) return this.write('{}');
    this.write('{');
    const header = this.out.length - 1;
    if (mayInline && statements.length === 1 && !hasComments) {
      this.statement(statements[0], indent + INDENT, 0, close);
      if (this.out.length === header + 2) {
        const only = this.out.pop()!.trim();
        this.out[header] += ` ${only} }`;
        return;
      }
    } else {
      const trailing = this.takeTrailing(open, close);
      if (trailing) this.write(`  ${trailing.text}`);
      this.block(statements, indent + INDENT, open + 1, close);
    }
    this.line(indent, '}');
  }
}

/** The canonical form of a recipe (see the header for the style). Throws FormatError when the
 * source has syntax errors. Idempotent, and the AST of the result equals the source's. */
export function format(source: string, file = '<input>'): string {
  const { ast, diagnostics } = parse(source, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new FormatError(file, errors);
  const formatter = new Formatter(source, new PositionMap(source), ast.comments);
  formatter.block(ast.statements, 0, 0, source.length);
  return formatter.text();
}
