// Offsets to 1-based line:column positions (UTF-16 code units, as JS strings index them).
import type { Position, Range } from './ast.js';

export class PositionMap {
  private readonly lineStarts: number[] = [0];

  constructor(readonly source: string) {
    // The same line breaks as the lexer's Newline token: \r\n, \r, \n.
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  /** The position of `offset`, clamped into the document [0, length]. */
  at(offset: number): Position {
    const clamped = Math.max(0, Math.min(this.source.length, Number.isFinite(offset) ? offset : this.source.length));
    let low = 0,
      high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { offset: clamped, line: low + 1, column: clamped - this.lineStarts[low] + 1 };
  }

  /** The text of 1-based line `line` without its line break ('' past the last line). */
  line(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    return this.source.slice(start, next === undefined ? undefined : next).replace(/\r?\n$|\r$/, '');
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(Math.max(start, end)) };
  }
}
