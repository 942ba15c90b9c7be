/**
 * Source text with position lookups. Offsets are UTF-16 indexes into the text (what JavaScript
 * strings use); lines and columns are 1-based and columns count code points, so a caret under a
 * non-BMP character lines up with what an editor shows.
 *
 * @module
 */

/** A 1-based line and column (columns in code points). */
export interface LineCol {
  readonly line: number;
  readonly column: number;
}

/** A half-open range `[start, end)` of UTF-16 offsets into a {@link SourceText}. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A named text with a line index, for turning offsets into `line:col` and excerpts. */
export class SourceText {
  /** Offsets at which each line starts; `lineStarts[0]` is 0. */
  readonly lineStarts: ReadonlyArray<number>;

  /**
   * @param name - what to call the text in messages (a file path, or `<stdin>`).
   * @param text - the whole text.
   * @param lineOffset - added to every reported line, for text cut out of a larger document.
   */
  constructor(
    readonly name: string,
    readonly text: string,
    readonly lineOffset = 0,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) starts.push(i + 1);
      else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** The 0-based index of the line holding `offset`. */
  lineIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The 1-based line and code-point column of `offset`. */
  lineColAt(offset: number): LineCol {
    const index = this.lineIndexAt(offset);
    const start = this.lineStarts[index] ?? 0;
    return { line: index + 1 + this.lineOffset, column: codePointCount(this.text, start, offset) + 1 };
  }

  /** The text of the line holding `offset`, without its line break. */
  lineTextAt(offset: number): string {
    const index = this.lineIndexAt(offset);
    const start = this.lineStarts[index] ?? 0;
    const next = this.lineStarts[index + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }
}

/** Counts the code points in `text.slice(start, end)` without allocating. */
export function codePointCount(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
